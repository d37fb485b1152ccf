import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { type Harness, startHarness } from './sim-test-support.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function getMedia(id: string, token = 'sim-token') {
  const res = await fetch(`${h.sim.url}/v21.0/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: (await res.json()) as {
      url: string;
      sha256: string;
      file_size: number;
      mime_type: string;
      id: string;
      messaging_product: string;
    },
  };
}

describe('media', () => {
  it('uploads multipart like Meta, then serves metadata and the exact bytes', async () => {
    h = await startHarness();
    const bytes = randomBytes(50_000);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/jpeg');
    form.set('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
    const up = await fetch(`${h.sim.url}/v21.0/106540352242922/media`, {
      method: 'POST',
      body: form,
      headers: { authorization: 'Bearer sim-token' },
    });
    expect(up.status).toBe(200);
    const { id } = (await up.json()) as { id: string };
    expect(id).toMatch(/^\d{16}$/);

    const meta = await getMedia(id);
    expect(meta.body).toMatchObject({
      id,
      messaging_product: 'whatsapp',
      mime_type: 'image/jpeg',
      file_size: bytes.length,
    });
    expect(meta.body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const download = await fetch(meta.body.url, { headers: { authorization: 'Bearer sim-token' } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const noToken = await fetch(meta.body.url);
    expect(noToken.status).toBe(401);
  });

  it('lets the media URL expire after five minutes', async () => {
    let clock = 1_700_000_000_000;
    h = await startHarness({ now: () => clock });
    const media = h.sim.uploadMedia(Buffer.from('abc'), 'text/plain');
    const { body } = await getMedia(media.id);
    clock += 5 * 60_000 + 1000;
    const res = await fetch(body.url, { headers: { authorization: 'Bearer sim-token' } });
    expect(res.status).toBe(403);
    expect((await getMedia(media.id)).status).toBe(200);
  });

  it('sends inbound media messages whose ids it can serve, bytes matching the webhook hash', async () => {
    h = await startHarness();
    for (const type of ['image', 'voice', 'document', 'video', 'sticker'] as const) {
      const { message } = await h.sim.sendMessage(type, '16505551234', { caption: 'look' });
      const ref = message.image ?? message.audio ?? message.document ?? message.video ?? message.sticker;
      expect(ref?.id).toBeTruthy();
      const meta = await getMedia(ref?.id ?? '');
      const bytes = Buffer.from(
        await (await fetch(meta.body.url, { headers: { authorization: 'Bearer sim-token' } })).arrayBuffer(),
      );
      expect(createHash('sha256').update(bytes).digest('base64')).toBe(ref?.sha256);
      expect(meta.body.mime_type).toBe(ref?.mime_type);
    }
  });

  it('refuses uploads without messaging_product or file, and sends by unknown media id', async () => {
    h = await startHarness({ window: 'off' });
    const form = new FormData();
    form.set('type', 'image/png');
    form.set('file', new Blob([Buffer.from('x')]), 'x.png');
    const res = await fetch(`${h.sim.url}/v21.0/106540352242922/media`, {
      method: 'POST',
      body: form,
      headers: { authorization: 'Bearer sim-token' },
    });
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
    const send = await h.graph('/v21.0/106540352242922/messages', {
      method: 'POST',
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '16505551234',
        type: 'image',
        image: { id: '123' },
      }),
    });
    expect((send.body.error as { code: number }).code).toBe(131053);
  });

  it('deletes media', async () => {
    h = await startHarness();
    const media = h.sim.uploadMedia(Buffer.from('abc'), 'text/plain');
    expect((await h.graph(`/v21.0/${media.id}`, { method: 'DELETE' })).body).toEqual({ success: true });
    expect((await getMedia(media.id)).status).toBe(400);
  });
});

describe('parseMultipart', () => {
  it('reads fields and binary files', () => {
    const boundary = '----x';
    const file = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    const parts = parseMultipart(body, boundary);
    expect(parts?.map((p) => p.name)).toEqual(['messaging_product', 'file']);
    expect(parts?.[1]).toMatchObject({ filename: 'a.bin', contentType: 'application/pdf' });
    expect(parts?.[1]?.data.equals(file)).toBe(true);
  });
});
