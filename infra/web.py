"""The web client (`web/`): static files in a private S3 bucket behind CloudFront, with a runtime config file.

Its own stack, `InettaWeb`, beside `Inetta`: CloudFront and the bucket-deployment custom resource have no local
equivalent, and the local stack (which provisions `Inetta` into moto) serves `web/` itself (inetta/local/web.py).
The config file, `config.json`, is written at deploy time from the API stack's outputs:
`{apiUrl, auth: "cognito", region, userPoolId, userPoolClientId, websocketUrl}`; sign-in is Cognito's
USER_PASSWORD_AUTH, real-time push the WebSocket API (infra/websocket.py).
"""

from __future__ import annotations

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3_deployment
from constructs import Construct

from infra import REPO_ROOT
from infra.compliance import acknowledge

# The policy the local gateway sends too (inetta/local/web.py): own files only; the API and Cognito over https,
# real-time push over wss.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' https: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


class WebClient(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, api_url: str, user_pool_id: str,
                 user_pool_client_id: str, websocket_url: str = "") -> None:
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            # Only build output lives here; the deployment rewrites it every time.
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=False,
        )
        acknowledge(
            self.bucket,
            "AwsSolutions-S1",
            "The bucket holds only the public web client's static files, written by the deployment; requests "
            "reach it through CloudFront alone (origin access control), so S3 access logs would add nothing.",
        )
        headers = cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=CONTENT_SECURITY_POLICY, override=True
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(365), include_subdomains=True, override=True
                ),
            ),
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment="Inetta web client",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=headers,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            ),
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR1",
            "Members and families may be anywhere; geo restrictions would lock out travellers and expatriates.",
        )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR2",
            "Static files only, no server-side logic or data; the API behind it is throttled by API Gateway. "
            "Operators can attach their WAF web ACL; a default one would add cost to every deployment.",
        )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR3",
            "The distribution serves the same public static files to everyone; access logs would record members' "
            "IP addresses for no operational need (privacy by default). API access is logged by API Gateway.",
        )
        acknowledge(
            self.distribution,
            "AwsSolutions-CFR4",
            "The default CloudFront domain's certificate fixes the minimum TLS version; operators who add their "
            "own domain and certificate set TLSv1.2_2021 there.",
        )
        deployment = s3_deployment.BucketDeployment(
            self,
            "Files",
            sources=[
                s3_deployment.Source.asset(str(REPO_ROOT / "web"), exclude=["config.json"]),
                s3_deployment.Source.json_data(
                    "config.json",
                    {
                        "apiUrl": api_url,
                        "auth": "cognito",
                        "region": Stack.of(self).region,
                        "userPoolId": user_pool_id,
                        "userPoolClientId": user_pool_client_id,
                        "websocketUrl": websocket_url,
                        "environment": "aws",
                    },
                ),
            ],
            destination_bucket=self.bucket,
            distribution=self.distribution,
            distribution_paths=["/*"],
            memory_limit=256,
        )
        # The deployment's own Lambda (CDK's custom resource) is CDK's code, not ours.
        stack = Stack.of(self)
        for rule, reason in (
            ("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
             "CDK's BucketDeployment custom resource uses the basic execution role for its own logs only."),
            ("AwsSolutions-IAM5[Action::s3:GetBucket*]",
             "CDK's BucketDeployment reads its asset bucket and writes the web bucket; CDK scopes it to both."),
            ("AwsSolutions-IAM5[Action::s3:GetObject*]",
             "CDK's BucketDeployment reads its asset bucket and writes the web bucket; CDK scopes it to both."),
            ("AwsSolutions-IAM5[Action::s3:List*]",
             "CDK's BucketDeployment reads its asset bucket and writes the web bucket; CDK scopes it to both."),
            ("AwsSolutions-IAM5[Action::s3:DeleteObject*]",
             "CDK's BucketDeployment replaces the previous web client's files; CDK scopes it to the web bucket."),
            ("AwsSolutions-IAM5[Action::s3:Abort*]",
             "CDK's BucketDeployment uploads the web client's files; CDK scopes it to the web bucket."),
            ("AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
             "CDK's BucketDeployment reads the web client's files from CDK's own asset bucket."),
            ("AwsSolutions-IAM5[Resource::<WebBucketE51352C0.Arn>/*]",
             "CDK's BucketDeployment writes the web client's files: every object of the web bucket, nothing else."),
            ("AwsSolutions-IAM5[Resource::*]",
             "CDK's BucketDeployment invalidates the distribution: CloudFront invalidation takes no resource ARN."),
            ("AwsSolutions-L1",
             "CDK's BucketDeployment custom resource picks its own Lambda runtime; it runs only at deploy time."),
        ):
            acknowledge(stack, rule, reason)
        self.deployment = deployment


class InettaWebStack(Stack):
    """`InettaWeb`: the web client, configured from the `Inetta` stack's API and user pool."""

    def __init__(self, scope: Construct, construct_id: str, *, api_url: str, user_pool_id: str,
                 user_pool_client_id: str, websocket_url: str = "", **kwargs) -> None:
        super().__init__(scope, construct_id, stack_name=construct_id,
                         description="Inetta: the web client (S3 + CloudFront)", **kwargs)
        web = WebClient(self, "Web", api_url=api_url, user_pool_id=user_pool_id,
                        user_pool_client_id=user_pool_client_id, websocket_url=websocket_url)
        CfnOutput(self, "WebUrl", value=f"https://{web.distribution.distribution_domain_name}/",
                  description="The web client")
        CfnOutput(self, "WebBucketName", value=web.bucket.bucket_name, description="Where the web client's files are")
