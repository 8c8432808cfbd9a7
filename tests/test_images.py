"""Responsive images: derivatives in WebP and the original format, sized right, made once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from conftest import NOW, Site
from rsgen.build import BuildRequest, build
from rsgen.commands import compare_trees
from rsgen.graph import BuildOptions
from rsgen.render.images import WIDTHS


def picture(path: Path, size: tuple[int, int], fmt: str = "JPEG", **save: object) -> Path:
    """A real image file, in colour bands so that encoders have something to chew on."""
    image = Image.new("RGB", size, (200, 60, 40))
    for x in range(0, size[0], 40):
        image.paste((40, 90 + x % 120, 160), (x, 0, x + 20, size[1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    path.write_bytes(buffer.getvalue())
    return path


def photo_site(
    site: Site, src: str = "/images/wide.jpg", size: tuple[int, int] = (2000, 1000)
) -> Site:
    picture(site.root / "static" / src.lstrip("/"), size, "PNG" if src.endswith(".png") else "JPEG")
    site.article("with-photo", photo={"src": src, "alt": "A wide view", "credit": "Agency"})
    site.article("other", tags=["General"])
    return site


def story_figure(site: Site, rel: str = "world/with-photo/index.html") -> lxml_html.HtmlElement:
    # (lxml's HTML parser does not know <source> is empty: look below the figure, not the parent)
    return lxml_html.fromstring(site.read(rel)).xpath("//figure[contains(@class,'story-photo')]")[0]


def story_img(site: Site, rel: str = "world/with-photo/index.html") -> lxml_html.HtmlElement:
    return story_figure(site, rel).xpath(".//img")[0]


def srcset_entries(value: str) -> list[tuple[str, int]]:
    entries = []
    for item in value.split(","):
        url, width = item.split()
        entries.append((url, int(width.removesuffix("w"))))
    return entries


def test_derivatives_at_each_width_in_webp_and_the_original_format(site: Site) -> None:
    photo_site(site)
    site.build()
    out = site.root / "public"
    made = sorted(p.name for p in (out / "images/_r").iterdir())
    assert len(made) == 2 * len(WIDTHS)
    for width in WIDTHS:
        for ext, fmt in (("jpg", "JPEG"), ("webp", "WEBP")):
            [name] = [n for n in made if n.endswith(f"-{width}.{ext}")]
            assert name.startswith("wide-")
            with Image.open(out / "images/_r" / name) as image:
                assert image.format == fmt
                assert image.size == (width, width // 2)
    img = story_img(site)
    assert img.get("src") == "/images/wide.jpg"  # the original stays the fallback
    assert (img.get("width"), img.get("height")) == ("2000", "1000")
    assert [w for _, w in srcset_entries(img.get("srcset"))] == list(WIDTHS)
    assert all(url.endswith(".jpg") for url, _ in srcset_entries(img.get("srcset")))
    assert img.get("sizes") and img.get("fetchpriority") == "high" and not img.get("loading")
    figure = story_figure(site)
    source = figure.xpath(".//picture/source")[0]
    assert source.get("type") == "image/webp"
    assert [u.rsplit(".", 1)[1] for u, _ in srcset_entries(source.get("srcset"))] == ["webp"] * 3
    for url, _ in srcset_entries(img.get("srcset")) + srcset_entries(source.get("srcset")):
        assert (out / url.lstrip("/")).is_file()
    # the credit stays visible next to the picture
    assert "Agency" in figure.xpath("figcaption")[0].text_content()


def test_never_wider_than_the_original(site: Site) -> None:
    photo_site(site, "/images/small.png", (600, 400))
    site.build()
    out = site.root / "public/images/_r"
    sizes = {}
    for path in out.iterdir():
        with Image.open(path) as image:
            sizes[path.name.rsplit("-", 1)[1]] = (image.format, image.size)
    assert sizes == {
        "480.png": ("PNG", (480, 320)),
        "480.webp": ("WEBP", (480, 320)),
        "600.png": ("PNG", (600, 400)),
        "600.webp": ("WEBP", (600, 400)),
    }
    img = story_img(site)
    assert [w for _, w in srcset_entries(img.get("srcset"))] == [480, 600]


def test_teasers_below_the_fold_load_lazily(site: Site) -> None:
    photo_site(site)
    for n in range(3):
        site.article(f"more-{n}", photo={"src": "/images/wide.jpg", "alt": f"View {n}"})
    site.article("lead", featured=True, photo={"src": "/images/wide.jpg", "alt": "Lead"})
    site.build()
    tree = lxml_html.fromstring(site.read("tags/general/index.html"))
    imgs = tree.xpath("//main//img")
    assert len(imgs) == 3  # per_page
    assert all(i.get("width") and i.get("height") and i.get("srcset") for i in imgs)
    assert imgs[0].get("fetchpriority") == "high" and imgs[0].get("loading") is None
    assert all(i.get("loading") == "lazy" and i.get("fetchpriority") is None for i in imgs[1:])
    home = lxml_html.fromstring(site.read("index.html"))
    [lead] = home.xpath("//*[contains(@class,'teaser--lead')]//img")
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None
    others = home.xpath("//main//img")[1:]
    assert others and all(i.get("loading") == "lazy" for i in others)


def test_a_rebuild_does_no_image_work(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    photo_site(site)
    site.build("first")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Pillow opened an image on a rebuild")

    monkeypatch.setattr(Image, "open", refuse)
    site.build("second")  # a fresh output folder: every page rendered, images from the cache
    clean = BuildRequest(
        site.root, site.root / "third", BuildOptions(now=NOW), clean=True
    )  # --clean: sources re-hashed, still no Pillow
    build(clean)
    assert compare_trees(site.root / "first", site.root / "second") == []
    assert compare_trees(site.root / "first", site.root / "third") == []


def test_unchanged_derivatives_are_not_rewritten(site: Site) -> None:
    photo_site(site)
    site.build()
    site.article("other", tags=["General"], body="A new first paragraph.\n")
    result = site.build()
    assert result.report.written, "the edit was built"
    assert not [rel for rel in result.report.written if rel.startswith("images/")]


def test_a_new_picture_gets_new_names(site: Site) -> None:
    photo_site(site)
    site.build()
    before = sorted(p.name for p in (site.root / "public/images/_r").iterdir())
    picture(site.root / "static/images/wide.jpg", (1200, 800))
    result = site.build()
    after = sorted(p.name for p in (site.root / "public/images/_r").iterdir())
    assert not set(before) & set(after)
    assert len(after) == 6  # 480, 960 and 1200 (the original's width), twice
    assert all(f"images/_r/{name}" in result.report.deleted for name in before)
    assert story_img(site).get("width") == "1200"


def test_exif_rotation_is_applied(site: Site) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: a 1000x500 file shows as 500x1000
    picture(site.root / "static/images/turned.jpg", (1000, 500), exif=exif.tobytes())
    site.article("with-photo", photo={"src": "/images/turned.jpg", "alt": "Turned"})
    site.build()
    img = story_img(site)
    assert (img.get("width"), img.get("height")) == ("500", "1000")
    [one] = [p for p in (site.root / "public/images/_r").iterdir() if p.name.endswith("480.jpg")]
    with Image.open(one) as image:
        assert image.size == (480, 960)


def test_webp_originals_and_unreadable_files(site: Site) -> None:
    picture(site.root / "static/images/already.webp", (1000, 500), "WEBP")
    site.write("static/images/broken.jpg", "not a picture")
    site.article("webp", photo={"src": "/images/already.webp", "alt": "WebP"})
    site.article("broken", photo={"src": "/images/broken.jpg", "alt": "Broken"})
    site.build()
    img = story_img(site, "world/webp/index.html")
    assert not story_figure(site, "world/webp/index.html").xpath(".//source")  # WebP already
    assert [w for _, w in srcset_entries(img.get("srcset"))] == [480, 960, 1000]
    broken = lxml_html.fromstring(site.read("world/broken/index.html")).xpath("//figure//img")[0]
    assert broken.get("src") == "/images/broken.jpg"
    assert broken.get("srcset") is None and broken.get("width") is None
    assert (site.root / "public/images/broken.jpg").is_file()


def test_remote_photos_are_used_as_they_are(site: Site) -> None:
    site.article(
        "remote", photo={"src": "https://cdn.example.net/a.jpg", "alt": "Remote", "credit": "X"}
    )
    site.build()
    img = lxml_html.fromstring(site.read("world/remote/index.html")).xpath("//figure//img")[0]
    assert img.get("src") == "https://cdn.example.net/a.jpg"
    assert img.get("srcset") is None and img.get("width") is None
    assert not (site.root / "public/images/_r").exists()


def test_author_photos_get_derivatives(site: Site) -> None:
    picture(site.root / "static/images/ann.jpg", (600, 600))
    site.author("ann", "Ann Writer", photo={"src": "/images/ann.jpg", "alt": "Ann"})
    site.article("by-ann")
    site.build()
    tree = lxml_html.fromstring(site.read("authors/ann/index.html"))
    img = tree.xpath("//img[contains(@class,'avatar')]")[0]
    assert [w for _, w in srcset_entries(img.get("srcset"))] == [480, 600]
    assert (img.get("width"), img.get("height")) == ("128", "128")
