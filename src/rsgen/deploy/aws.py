"""boto3 clients set up once for every deploy request, and boto3's errors as one line each.

boto3 finds the credentials the way every AWS tool does (environment variables, shared
credentials and config files, `AWS_PROFILE`, SSO, instance roles) and retries what fails in
passing (standard retry mode: throttling, 5xx answers, dropped connections), with backoff.
A service's endpoint can also be set the AWS way (`AWS_ENDPOINT_URL_CLOUDFRONT`, …).

boto3 itself is imported when the first client is made: it takes a good part of a second,
which the other commands (and a deploy to a folder) should not pay.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ReadTimeoutError,
)

from rsgen.deploy.target import DeployError

if TYPE_CHECKING:  # the typed clients of boto3-stubs
    from botocore.config import Config
    from mypy_boto3_cloudfront import CloudFrontClient
    from mypy_boto3_s3 import S3Client

MAX_ATTEMPTS = 4  # each request, with the standard mode's backoff between tries
REFUSED = {
    "InvalidAccessKeyId": "the access key is not known to the service",
    "SignatureDoesNotMatch": "the secret key does not match the access key",
    "InvalidClientTokenId": "the access key is not known to the service",
    "ExpiredToken": "the session token has expired",
    "InvalidToken": "the session token is not valid",
    "AccessDenied": "the credentials lack a permission the deploy needs (see docs/deploy.md)",
    "403": "forbidden",
}


def _config(pool: int, path_style: bool) -> Config:
    from botocore.config import Config  # with boto3: see the module's docstring

    return Config(
        retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS},
        connect_timeout=10,
        read_timeout=60,
        max_pool_connections=pool,
        # S3-compatible services differ in the newer checksums: send Content-MD5 only
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        s3={"addressing_style": "path"} if path_style else {},
    )


def s3_client(endpoint: str = "", region: str = "", pool: int = 10) -> S3Client:
    """An S3 client (of `endpoint`, for S3-compatible services) with rsgen's retries."""
    import boto3  # imported when first used: see the module's docstring

    session = boto3.session.Session()
    return session.client(
        "s3",
        endpoint_url=endpoint or None,
        region_name=region or session.region_name or "us-east-1",
        config=_config(pool, path_style=bool(endpoint)),
    )


def cloudfront_client() -> CloudFrontClient:
    """A CloudFront client with rsgen's retries."""
    import boto3

    session = boto3.session.Session()
    region = session.region_name or "us-east-1"  # CloudFront's API lives in us-east-1
    return session.client("cloudfront", region_name=region, config=_config(2, path_style=False))


def error_code(err: ClientError) -> str:
    return str(err.response.get("Error", {}).get("Code", ""))


@contextmanager
def aws_errors(service: str, doing: str) -> Iterator[None]:
    """Turn what boto3 raises while `doing` something with `service` (an endpoint or a
    name such as "CloudFront") into one DeployError line."""
    try:
        yield
    except (NoCredentialsError, PartialCredentialsError):
        raise DeployError(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            "or AWS_PROFILE, or configure ~/.aws/credentials"
        ) from None
    except (EndpointConnectionError, ConnectTimeoutError, ConnectionClosedError) as err:
        raise DeployError(f"cannot reach {service} ({_reason(err)})") from None
    except ReadTimeoutError:
        raise DeployError(f"{service} did not answer in time while {doing}") from None
    except ClientError as err:
        code = error_code(err)
        message = err.response.get("Error", {}).get("Message", "")
        if code in REFUSED:
            raise DeployError(
                f"{service} refused the credentials ({code}): {REFUSED[code]}"
            ) from None
        raise DeployError(f"{doing}: {code} {message}".rstrip()) from None
    except BotoCoreError as err:
        raise DeployError(f"{doing}: {err}") from None


def _reason(err: BotoCoreError) -> str:
    """What went wrong under a connection error, in a few words ("connection refused")."""
    text = str(err.kwargs.get("error") or err)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "getaddrinfo" in text:
        return "unknown host"
    return text.rsplit(": ", 1)[-1] or type(err).__name__
