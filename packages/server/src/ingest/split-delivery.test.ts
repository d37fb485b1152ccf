import { describe, expect, it } from 'vitest';
import { splitDelivery } from './split-delivery.ts';

const metadata = { display_phone_number: '15550000000', phone_number_id: '106540352242922' };
const change = (value: Record<string, unknown>) => ({
  field: 'messages',
  value: { messaging_product: 'whatsapp', metadata, ...value },
});

describe('splitDelivery', () => {
  it('gives every message (with its sender contact), status, errors and other change an envelope of its own', () => {
    const ana = { wa_id: '5511', profile: { name: 'Ana' } };
    const bia = { user_id: 'BR.9', profile: { name: 'Bia' } };
    const m1 = { id: 'w1', from: '5511', type: 'text' };
    const m2 = { id: 'w2', from_user_id: 'BR.9', type: 'text' };
    const s1 = { id: 'w0', status: 'read', timestamp: '1' };
    const errors = [{ code: 131000 }];
    const other = { field: 'account_update', value: { event: 'x' } };
    const pieces = splitDelivery({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [change({ contacts: [ana, bia], messages: [m1, m2], statuses: [s1], errors }), other],
        },
      ],
    });
    const values = pieces.map(
      (p) => (p as { entry: { id: string; changes: { value: unknown }[] }[] }).entry[0]!,
    );
    expect(values.map((e) => e.id)).toEqual(['waba', 'waba', 'waba', 'waba', 'waba']);
    expect(values.map((e) => e.changes[0]!.value)).toEqual([
      { messaging_product: 'whatsapp', metadata, contacts: [ana], messages: [m1] },
      { messaging_product: 'whatsapp', metadata, contacts: [bia], messages: [m2] },
      { messaging_product: 'whatsapp', metadata, statuses: [s1] },
      { messaging_product: 'whatsapp', metadata, errors },
      { event: 'x' },
    ]);
  });

  it('keeps a delivery of one item as one piece, so it is not split again', () => {
    const one = {
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba', changes: [change({ messages: [{ id: 'w1' }] })] }],
    };
    expect(splitDelivery(one)).toHaveLength(1);
  });
});
