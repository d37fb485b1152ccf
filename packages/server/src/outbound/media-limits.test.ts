import { describe, expect, it } from 'vitest';
import { checkDownload, checkUpload, fitsKind, kindForMime } from './media-limits.ts';

const MB = 1024 * 1024;

describe("WhatsApp's media rules for uploads", () => {
  it('takes each kind up to its limit', () => {
    expect(checkUpload('image/jpeg', 5 * MB)).toEqual({ ok: true, kind: 'image' });
    expect(checkUpload('video/mp4', 16 * MB)).toEqual({ ok: true, kind: 'video' });
    expect(checkUpload('audio/ogg; codecs=opus', MB)).toEqual({ ok: true, kind: 'audio' });
    expect(checkUpload('image/webp', 500 * 1024)).toEqual({ ok: true, kind: 'sticker' });
    expect(checkUpload('application/pdf', 100 * MB)).toEqual({ ok: true, kind: 'document' });
  });

  it('refuses a file over its kind limit, saying the limit', () => {
    const r = checkUpload('image/png', 5 * MB + 1);
    expect(r).toMatchObject({ ok: false, reason: 'size' });
    expect(!r.ok && r.message).toMatch(/^An image may be at most 5 MB/);
    expect(checkUpload('image/webp', 500 * 1024 + 1)).toMatchObject({ ok: false, reason: 'size' });
  });

  it('refuses a type WhatsApp does not take, listing what it does', () => {
    const r = checkUpload('image/gif', 1000);
    expect(r).toMatchObject({ ok: false, reason: 'type' });
    expect(!r.ok && r.message).toMatch(/JPEG or PNG/);
    expect(kindForMime('application/x-msdownload')).toBeNull();
  });

  it('matches a file to the kinds it may be sent as', () => {
    expect(fitsKind('image', 'image/png')).toBe(true);
    expect(fitsKind('sticker', 'image/png')).toBe(false);
    expect(fitsKind('document', 'image/png')).toBe(false);
  });
});

describe("checks on a customer's downloaded file", () => {
  it('accepts the right family and refuses a mismatched type or an oversize file', () => {
    expect(checkDownload('audio', 'audio/ogg', 1000)).toBeNull();
    expect(checkDownload('image', 'text/html', 1000)).toMatch(/type text\/html/);
    expect(checkDownload('image', 'image/jpeg', 6 * MB)).toMatch(/more than the 5 MB/);
    expect(checkDownload('document', 'application/zip', 1000)).toBeNull();
  });
});
