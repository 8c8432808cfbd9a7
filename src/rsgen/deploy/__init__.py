"""`rsgen deploy`: publish the built output to an S3 bucket or a served folder, uploading
only what changed, in an order that never shows readers a page without its files.

The steps, one module each: `local` (the built output: hashes, headers, articles), `record`
(rsgen's record on the target), `plan` (the diff, its order and its guards), `s3` and `folder`
(the two kinds of `target`), `aws` (boto3's clients and errors), `cdn` (CloudFront and purge
lists), and `command`, which runs them in order. The `deploy:` settings are read by the
settings layer (`rsgen.settings.deploy`), so `rsgen check` validates them too; the header
policy is the publishing layer's (`rsgen.publish.headers`), so `/_headers` states the same.
boto3 is imported only when a bucket or CloudFront is used.
"""

from rsgen.deploy.command import (
    DeployFailure,
    DeployRequest,
    DeployResult,
    RollbackResult,
    UnknownTarget,
    deploy,
    rollback,
)

__all__ = [
    "DeployFailure",
    "DeployRequest",
    "DeployResult",
    "RollbackResult",
    "UnknownTarget",
    "deploy",
    "rollback",
]
