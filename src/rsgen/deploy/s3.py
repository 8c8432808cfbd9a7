"""An S3 bucket (AWS, or any S3-compatible service through `endpoint`) as a deploy target.

Credentials, retries and error messages are those of `aws.py`.

Uploads run on a pool of threads, one stage of the plan at a time. Each upload sends the MD5
that the plan was made from (`Content-MD5`): if the output changed since it was read, the
server refuses the object instead of storing bytes the record does not describe.

Every boto3 error becomes one `DeployError` line, so the command never shows a traceback
for an unreachable endpoint, refused credentials or a missing bucket.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from botocore.exceptions import ClientError

from rsgen.deploy.aws import aws_errors, error_code, s3_client
from rsgen.deploy.local import LocalFile, LocalOutput
from rsgen.deploy.plan import Plan, RemoteState, stages
from rsgen.deploy.record import (
    RECORD_DIR,
    RECORD_NAME,
    RemoteFile,
    decode_record,
    encode_record,
    final_record,
    pending_record,
)
from rsgen.deploy.target import DeployError, Progress
from rsgen.settings import DeployTarget

if TYPE_CHECKING:  # the typed requests and answers of boto3-stubs
    from mypy_boto3_s3.type_defs import (
        HeadObjectOutputTypeDef,
        ObjectIdentifierTypeDef,
        PutObjectRequestTypeDef,
    )

THREADS = 16
DELETE_BATCH = 1000  # S3's limit for one DeleteObjects request
MD5_ETAG = re.compile(r"^[0-9a-f]{32}$")  # a single-part upload's ETag is the MD5 of its bytes
T = TypeVar("T")


class S3Target:
    """A bucket and key prefix; `THREADS` uploads at a time."""

    keeps_headers = True

    def __init__(self, target: DeployTarget, threads: int = THREADS) -> None:
        self.target = target
        self.threads = threads
        self.client = s3_client(target.endpoint, target.region, threads + 2)

    def key(self, path: str) -> str:
        return f"{self.target.prefix}/{path}" if self.target.prefix else path

    # -- reading ----------------------------------------------------------------------------

    def read_state(self, local: LocalOutput) -> RemoteState:
        """The record, when it matches what the bucket holds; else a listing."""
        data = self.fetch(RECORD_NAME)
        if data is None:
            note = "no record of an earlier deploy on the target: comparing with a listing"
        else:
            files = decode_record(data)
            if files is not None and self._matches(files):
                return RemoteState(files, from_record=True)
            note = "the target's record does not match what it holds: comparing with a listing"
        return RemoteState(self._listing(local), from_record=False, note=note)

    def fetch(self, path: str) -> bytes | None:
        with self._errors(f"reading {self.key(path)}"):
            try:
                answer = self.client.get_object(Bucket=self.target.bucket, Key=self.key(path))
            except ClientError as err:
                if error_code(err) in ("NoSuchKey", "404"):
                    return None
                raise
            data: bytes = answer["Body"].read()
            return data

    def _matches(self, files: dict[str, RemoteFile]) -> bool:
        """One HEAD request: does the bucket still hold what the record says at the home
        page (or the first path the record is sure of)? Another tool publishing there, or
        a bucket restored from elsewhere, is noticed here."""
        sure = [p for p in ("index.html", *sorted(files)) if p in files and files[p].etag]
        if not sure:
            return True
        path = sure[0]
        head = self._head(path)
        return head is not None and _etag(head.get("ETag", "")) == files[path].etag

    def _head(self, path: str) -> HeadObjectOutputTypeDef | None:
        with self._errors(f"reading {self.key(path)}"):
            try:
                found = self.client.head_object(Bucket=self.target.bucket, Key=self.key(path))
            except ClientError as err:
                if error_code(err) in ("NoSuchKey", "404", "NotFound"):
                    return None
                raise
            return found

    def _listing(self, local: LocalOutput) -> dict[str, RemoteFile]:
        """Every object under the prefix but rsgen's own; the headers of those whose bytes
        match the output are read too (HEAD), so a header change is still noticed."""
        prefix = f"{self.target.prefix}/" if self.target.prefix else ""
        found: dict[str, RemoteFile] = {}
        with self._errors("listing the bucket"):
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.target.bucket, Prefix=prefix
            )
            for page in pages:
                for item in page.get("Contents", []):
                    path = item["Key"][len(prefix) :]
                    if not path or path.endswith("/") or path.startswith(f"{RECORD_DIR}/"):
                        continue  # folder markers and rsgen's own state are left alone
                    etag = _etag(item.get("ETag", ""))
                    md5 = etag if MD5_ETAG.match(etag) else ""
                    found[path] = RemoteFile(path, md5, etag)
        same = [p for p, f in found.items() if p in local.files and local.files[p].md5 == f.md5]
        for path, head in zip(same, self._parallel(self._head, same), strict=True):
            if head is not None:
                found[path] = RemoteFile(
                    path,
                    found[path].md5,
                    found[path].etag,
                    head.get("ContentType", ""),
                    head.get("CacheControl", ""),
                    head.get("WebsiteRedirectLocation", ""),
                )
        return found

    # -- writing ----------------------------------------------------------------------------

    def publish(
        self, plan: Plan, local: LocalOutput, remote: RemoteState, progress: Progress | None
    ) -> None:
        """Record the pending change, upload stage by stage, delete, record the result."""
        if plan.changes:
            pending = pending_record(local, remote.files, set(plan.uploads), plan.deletes)
            self._put_record(pending)
        etags: dict[str, str] = {}
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, len(plan.uploads))

        for paths in stages(plan, local):
            files = [local.files[p] for p in paths]
            uploaded = self._parallel(self._upload(local), files, advance)
            etags.update(zip(paths, uploaded, strict=True))
        self._delete(plan.deletes)
        if plan.changes or not remote.from_record:
            self._put_record(final_record(local, remote.files, etags))

    def _upload(self, local: LocalOutput) -> Callable[[LocalFile], str]:
        def upload(f: LocalFile) -> str:
            request: PutObjectRequestTypeDef = {
                "Bucket": self.target.bucket,
                "Key": self.key(f.path),
                "Body": local.read(f.path),
                "ContentType": f.content_type,
                "CacheControl": f.cache_control,
                "ContentMD5": base64.b64encode(bytes.fromhex(f.md5)).decode("ascii"),
            }
            if f.redirect:
                request["WebsiteRedirectLocation"] = f.redirect
            with self._errors(f"uploading {f.path}"):
                answer = self.client.put_object(**request)
            return _etag(answer["ETag"])

        return upload

    def _put_record(self, files: dict[str, RemoteFile]) -> None:
        with self._errors("writing the deploy record"):
            self.client.put_object(
                Bucket=self.target.bucket,
                Key=self.key(RECORD_NAME),
                Body=encode_record(files),
                ContentType="application/gzip",
                CacheControl="no-store",
            )

    def _delete(self, paths: tuple[str, ...]) -> None:
        for start in range(0, len(paths), DELETE_BATCH):
            batch: list[ObjectIdentifierTypeDef] = [
                {"Key": self.key(p)} for p in paths[start : start + DELETE_BATCH]
            ]
            with self._errors("deleting"):
                answer = self.client.delete_objects(
                    Bucket=self.target.bucket, Delete={"Objects": batch, "Quiet": True}
                )
            errors = answer.get("Errors") or []
            if errors:
                first = errors[0]
                raise DeployError(
                    f"could not delete {len(errors)} object(s), first {first.get('Key')}: "
                    f"{first.get('Code')} {first.get('Message', '')}".rstrip()
                )

    def _parallel(
        self, work: Callable[[Any], T], items: list[Any], done: Callable[[], None] | None = None
    ) -> list[T]:
        """`work` over `items` on the thread pool, results in order, `done` called (here)
        after each; the first error stops the rest (work not yet started is dropped) and is
        raised here."""
        if not items:
            return []
        results: dict[int, T] = {}
        pool = ThreadPoolExecutor(self.threads)
        try:
            futures = {pool.submit(work, item): i for i, item in enumerate(items)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if done is not None:
                    done()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        return [results[i] for i in range(len(items))]

    # -- errors -----------------------------------------------------------------------------

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn what boto3 raises into one DeployError line."""
        service = self.target.endpoint or "Amazon S3"
        with aws_errors(service, doing):
            try:
                yield
            except ClientError as err:
                code = error_code(err)
                if code == "NoSuchBucket":
                    raise DeployError(
                        f"the bucket '{self.target.bucket}' does not exist at {service}"
                    ) from None
                if code == "BadDigest":
                    raise DeployError(
                        f"{doing}: the output changed while it was deployed; build, then deploy again"
                    ) from None
                raise


def _etag(etag: str) -> str:
    return etag.strip('"')
