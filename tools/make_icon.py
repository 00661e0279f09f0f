"""Draw the program's icon (resources/icon.ico: a red seal-like square with 赛) — run once; the .ico is committed.

    python tools/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc"]


def draw(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    pad = max(1, size // 16)
    d.rounded_rectangle([pad, pad, size - pad - 1, size - pad - 1], radius=size // 6, fill=(198, 40, 40, 255))
    font_file = next((f for f in FONTS if Path(f).exists()), None)
    if font_file is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-microhei")
    font = ImageFont.truetype(font_file, int(size * 0.66))
    box = d.textbbox((0, 0), "赛", font=font)
    x = (size - (box[2] - box[0])) / 2 - box[0]
    y = (size - (box[3] - box[1])) / 2 - box[1]
    d.text((x, y), "赛", font=font, fill=(255, 255, 255, 255))
    return image


if __name__ == "__main__":
    out = ROOT / "resources" / "icon.ico"
    big = draw(256)
    big.save(out, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(ROOT / "resources" / "icon.png")
    print(f"{out}: {out.stat().st_size:,} bytes")
