"""Who is who in a circle, and what each member lets inform the coach elsewhere: rules without storage."""
