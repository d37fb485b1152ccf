import { crc32, deflateSync } from 'node:zlib';
import type { MediaKind } from './payload-builders.ts';

// Bytes for inbound media when the caller brings none. Image and document are real, openable files
// (a PNG and a one-page PDF) so a dashboard can show them; audio, video and sticker are labelled
// placeholder bytes: enough for download, size and hash checks, not for playback.

export interface SampleMedia {
  bytes: Buffer;
  mimeType: string;
  filename?: string;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A small gradient PNG; `seed` varies the colours so two samples have different hashes. */
export function samplePng(seed = 0, size = 48): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++)
      row.set([(x * 5 + seed) & 255, (y * 5) & 255, (seed * 37) & 255], 1 + x * 3);
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal valid one-page PDF with a line of text. */
export function samplePdf(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export function sampleMedia(kind: MediaKind, seed = 0): SampleMedia {
  switch (kind) {
    case 'image':
      return { bytes: samplePng(seed), mimeType: 'image/png' };
    case 'document':
      return {
        bytes: samplePdf(`Invoice #${2291 + seed}`),
        mimeType: 'application/pdf',
        filename: `invoice-${2291 + seed}.pdf`,
      };
    case 'audio':
      return {
        bytes: Buffer.from(`OggS wa-sim placeholder voice note ${seed}`),
        mimeType: 'audio/ogg; codecs=opus',
      };
    case 'video':
      return { bytes: Buffer.from(`wa-sim placeholder video ${seed}`), mimeType: 'video/mp4' };
    case 'sticker':
      return { bytes: Buffer.from(`RIFF wa-sim placeholder sticker ${seed}`), mimeType: 'image/webp' };
  }
}
