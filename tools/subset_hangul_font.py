"""Build resources/fonts/ConvvizHangul{,-Bold}.ttf: NanumGothic cut down to the glyphs convviz draws.

    python tools/subset_hangul_font.py [--source-dir /usr/share/fonts/truetype/nanum]

Step frames, GIFs and exported pictures are drawn with Pillow, which has no font
fallback: Korean labels need a font with Hangul in it, shipped with convviz so every
machine draws the same glyphs.  NanumGothic (SIL OFL 1.1, Debian's fonts-nanum) has
them but weighs 4.7 MB per weight; this keeps printable ASCII, Latin-1, the symbols
the frames use and every character of the Korean translations (about 100 kB).

The OFL reserves the name "Nanum" for the unmodified font, so the subset is renamed
"Convviz Hangul" (the licence, with NAVER's copyright, ships next to it).  Run this
again after adding translations: tests/export/test_labels.py fails when a translated
string has a character the shipped font lacks.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
TRANSLATIONS = ROOT / "resources" / "translations"
SYMBOLS = "×·°Σ−…→←≤≥≠√∞✓✗±÷′″“”‘’–—•"
OUTPUTS = {"NanumGothic.ttf": "ConvvizHangul.ttf", "NanumGothicBold.ttf": "ConvvizHangul-Bold.ttf"}


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)} | set(SYMBOLS)
    for ts in TRANSLATIONS.glob("*.ts"):
        for node in ET.parse(ts).getroot().iter("translation"):
            chars |= set(node.text or "")
    return "".join(sorted(c for c in chars if c.isprintable()))


def rename(font, bold: bool) -> None:
    style = "Bold" if bold else "Regular"
    names = {1: "Convviz Hangul", 2: style, 3: f"Convviz Hangul {style} (subset of NanumGothic)",
             4: f"Convviz Hangul {style}", 6: f"ConvvizHangul-{style}", 16: "Convviz Hangul", 17: style}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English (US)
        table.setName(text, name_id, 1, 0, 0)  # Mac, Roman, English


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", default="/usr/share/fonts/truetype/nanum")
    args = parser.parse_args(argv)
    from fontTools import subset
    from fontTools.ttLib import TTFont

    text = characters()
    for source, target in OUTPUTS.items():
        path = Path(args.source_dir) / source
        if not path.exists():
            print(f"{path} not found: apt-get install fonts-nanum, or pass --source-dir", file=sys.stderr)
            return 2
        font = TTFont(str(path))
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        rename(font, bold="Bold" in source)
        out = FONTS / target
        font.save(str(out))
        print(f"{out.relative_to(ROOT)}: {len(font.getBestCmap())} characters, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
