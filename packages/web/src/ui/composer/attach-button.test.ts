import { describe, expect, it } from 'vitest';
import { mediaKind } from './attach-button.tsx';

describe('attachment kinds', () => {
  it('sends JPEG and PNG as images, WebP as a sticker, other media by family, the rest as documents', () => {
    expect(mediaKind('image/jpeg')).toBe('image');
    expect(mediaKind('image/PNG')).toBe('image');
    expect(mediaKind('image/webp')).toBe('sticker');
    expect(mediaKind('video/mp4')).toBe('video');
    expect(mediaKind('audio/ogg')).toBe('audio');
    expect(mediaKind('image/gif')).toBe('document');
    expect(mediaKind('application/pdf')).toBe('document');
  });
});
