import { useEffect, useState } from 'react';

/**
 * A QR code of `text` as an image (pairing links, the counter's LAN address). The
 * encoder loads on first use, not with the counter's first screen.
 */
export function QrCode({ text, alt, size = 180 }: { text: string; alt: string; size?: number }) {
  const [src, setSrc] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((m) => m.default.toDataURL(text, { margin: 1, width: Math.round(size * 1.25) }))
      .then((url) => live && setSrc({ text, url }));
    return () => {
      live = false;
    };
  }, [text, size]);
  if (!src || src.text !== text) return null;
  return <img className="qr" src={src.url} alt={alt} width={size} height={size} />;
}
