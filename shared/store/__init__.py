"""The DynamoDB data layer. Key shapes are listed in docs/architecture.md."""
