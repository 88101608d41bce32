// Family 'broken-framing': text that is not an OCPP-J message (OCPP-J 1.6 §4.1). Each variant
// breaks one rule of the frame: JSON, array, MessageTypeId, MessageId, Action, element count,
// payload type; plus JSON the parser accepts but code may trip on (duplicate and prototype keys).
import { fuzzMessageId, textFrame, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type BrokenFramingVariant =
  | 'not-json' | 'not-an-array' | 'bad-type-id' | 'unknown-type-id' | 'bad-message-id' | 'bad-action'
  | 'unknown-action' | 'csms-action' | 'missing-elements' | 'extra-elements' | 'payload-not-object'
  | 'duplicate-keys' | 'prototype-keys';

type Build = (id: string, random: Random) => string;

const json = JSON.stringify;

const builders: Readonly<Record<BrokenFramingVariant, Build>> = {
  'not-json': (id, random) => random.pick([
    `[2,"${id}","Heartbeat",{}`, `[2,'${id}','Heartbeat',{}]`, `[2,"${id}","Heartbeat",{},]`, 'hello', 'NaN',
    `[2,"${id}","Heartbeat",{"a":undefined}]`, `[2,"${id}" "Heartbeat" {}]`, '\u0000', '[', ']', '{"', `[2,"${id}","Heart\nbeat",{}]`,
  ]),
  'not-an-array': (id, random) => random.pick(['{}', '"text"', '42', 'null', 'true', `{"0":2,"1":"${id}","2":"Heartbeat","3":{}}`]),
  'bad-type-id': (id, random) => `[${random.pick(['"2"', 'null', 'true', '{}', '[2]', '2.5', '1e300', '-1e400', '-0.0'])},"${id}","Heartbeat",{}]`,
  'unknown-type-id': (id, random) => `[${random.pick(['0', '1', '5', '-2', '99', '2147483648', '9007199254740993'])},"${id}","Heartbeat",{}]`,
  'bad-message-id': (_id, random) => `[2,${random.pick([
    '1', 'null', '{}', '[]', 'true', '""', json('x'.repeat(random.int(37, 5000))), '"\\u0000"', '"\\ud800"', '"a\\u0007b"',
  ])},"Heartbeat",{}]`,
  'bad-action': (id, random) => `[2,"${id}",${random.pick(['1', 'null', '{}', '["Heartbeat"]', 'true', '"\\u0000"', '"Heart\\u0000beat"', '"\\ud800"'])},{}]`,
  'unknown-action': (id, random) => json([2, id, random.pick([
    'Hearbeat', '', ' Heartbeat', 'heartbeat', 'HEARTBEAT', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
    'TransactionEvent', 'x'.repeat(random.int(100, 5000)), '../Heartbeat', 'Heartbeat.req',
  ]), {}]),
  // Known actions only the CSMS may send (OCPP 1.6 §5): a station sending them is out of order.
  'csms-action': (id, random) => json([2, id, random.pick(['Reset', 'RemoteStartTransaction', 'ChangeConfiguration', 'UnlockConnector', 'GetLog']), {}]),
  'missing-elements': (id, random) => random.pick([
    '[]', '[2]', `[2,"${id}"]`, `[2,"${id}","Heartbeat"]`, '[3]', `[3,"${id}"]`, '[4]', `[4,"${id}"]`, `[4,"${id}","GenericError"]`,
    `[4,"${id}","GenericError",""]`,
  ]),
  'extra-elements': (id, random) => random.pick([
    `[2,"${id}","Heartbeat",{},{}]`, `[2,"${id}","Heartbeat",{},null,null,null]`, `[3,"${id}",{},1]`,
    `[4,"${id}","GenericError","",{},5]`,
  ]),
  'payload-not-object': (id, random) => `[2,"${id}","${random.pick(['Heartbeat', 'Authorize', 'BootNotification'])}",${random.pick([
    '[]', 'null', '"{}"', '0', 'true', '[{}]',
  ])}]`,
  'duplicate-keys': (id, random) => random.pick([
    `[2,"${id}","Authorize",{"idTag":"A","idTag":1}]`, `[2,"${id}","Authorize",{"idTag":1,"idTag":"A"}]`,
    `[2,"${id}","BootNotification",{"chargePointVendor":"V","chargePointModel":"M","chargePointModel":{}}]`,
  ]),
  // JSON.parse makes "__proto__" an own property; code that copies it into a plain object does not.
  'prototype-keys': (id, random) => random.pick([
    `[2,"${id}","Heartbeat",{"__proto__":{"polluted":true}}]`,
    `[2,"${id}","Authorize",{"idTag":"A","__proto__":{"idTag":"B"}}]`,
    `[2,"${id}","Authorize",{"idTag":"A","constructor":{"prototype":{"polluted":true}}}]`,
    `{"__proto__":[2,"${id}","Heartbeat",{}]}`,
  ]),
};

const VARIANTS = Object.keys(builders) as BrokenFramingVariant[];

export function brokenFramingFrame(random: Random, context: FrameContext): FuzzFrame {
  const variant = random.pick(VARIANTS);
  return textFrame('broken-framing', variant, builders[variant](fuzzMessageId(context.index), random));
}
