// Test helper: an authoritative DNS server over UDP on 127.0.0.1, answering from an in-memory zone
// with hand-encoded packets (RFC 1035). A, AAAA, CNAME (followed within the zone), MX, TXT, NS;
// an unknown name is NXDOMAIN, a known name without the type is an empty answer (NODATA).

import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: Array<{ priority: number; exchange: string }>;
  /** Each record as its character strings (chunks of at most 255 bytes). */
  TXT?: string[][];
  NS?: string[];
}
export type Zone = Record<string, ZoneEntry>;

/** `silent`: drop every query (the client times out); the others answer with that rcode. */
export type FakeDnsMode = 'answer' | 'silent' | 'servfail' | 'refused';

export interface FakeDns {
  /** "127.0.0.1:<port>", as a check's `resolver`. */
  address: string;
  mode: FakeDnsMode;
  queries: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

const TYPES: Record<number, keyof ZoneEntry> = { 1: 'A', 2: 'NS', 5: 'CNAME', 15: 'MX', 16: 'TXT', 28: 'AAAA' };
const CODES: Record<keyof ZoneEntry, number> = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 };
const RCODE = { answer: 0, servfail: 2, nxdomain: 3, refused: 5 } as const;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])), Buffer.from([0])]);
}

function ipv6(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function rdata(type: keyof ZoneEntry, entry: ZoneEntry): Buffer[] {
  switch (type) {
    case 'A':
      return (entry.A ?? []).map((a) => Buffer.from(a.split('.').map(Number)));
    case 'AAAA':
      return (entry.AAAA ?? []).map(ipv6);
    case 'CNAME':
      return entry.CNAME === undefined ? [] : [encodeName(entry.CNAME)];
    case 'NS':
      return (entry.NS ?? []).map(encodeName);
    case 'MX':
      return (entry.MX ?? []).map((mx) => Buffer.concat([u16(mx.priority), encodeName(mx.exchange)]));
    case 'TXT':
      return (entry.TXT ?? []).map((chunks) =>
        Buffer.concat(chunks.map((c) => Buffer.concat([Buffer.from([Buffer.byteLength(c)]), Buffer.from(c)]))),
      );
  }
}

function record(owner: string, type: keyof ZoneEntry, data: Buffer): Buffer {
  return Buffer.concat([encodeName(owner), u16(CODES[type]), u16(1), Buffer.from([0, 0, 0, 60]), u16(data.length), data]);
}

/** The answer records for `name`/`type`, following CNAMEs inside the zone; null: no such name. */
function answer(zone: Zone, name: string, type: keyof ZoneEntry): Buffer[] | null {
  const records: Buffer[] = [];
  let owner = name;
  for (let hops = 0; hops < 8; hops++) {
    const entry = zone[owner];
    if (entry === undefined) return hops === 0 ? null : records;
    if (entry.CNAME !== undefined && type !== 'CNAME') {
      records.push(record(owner, 'CNAME', encodeName(entry.CNAME)));
      owner = entry.CNAME.toLowerCase().replace(/\.$/, '');
      continue;
    }
    return [...records, ...rdata(type, entry).map((d) => record(owner, type, d))];
  }
  return records;
}

export async function startFakeDns(zone: Zone): Promise<FakeDns> {
  const socket = dgram.createSocket('udp4');
  const server: FakeDns = {
    address: '',
    mode: 'answer',
    queries: [],
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (msg, peer) => {
    // Question: labels from offset 12 up to a zero byte, then QTYPE and QCLASS.
    const labels: string[] = [];
    let at = 12;
    while (at < msg.length && msg[at] !== 0) {
      const len = msg[at] as number;
      labels.push(msg.toString('ascii', at + 1, at + 1 + len));
      at += 1 + len;
    }
    const questionEnd = at + 5;
    const name = labels.join('.').toLowerCase();
    const type = TYPES[msg.readUInt16BE(at + 1)];
    server.queries.push({ name, type: type ?? String(msg.readUInt16BE(at + 1)) });
    if (server.mode === 'silent') return;
    const records = server.mode === 'answer' && type !== undefined ? answer(zone, name, type) : [];
    const rcode = server.mode !== 'answer' ? RCODE[server.mode] : records === null ? RCODE.nxdomain : RCODE.answer;
    const answers = records ?? [];
    // QR, AA, RA; RD echoed from the query.
    const flags = 0x8000 | 0x0400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | rcode;
    const header = Buffer.concat([msg.subarray(0, 2), u16(flags), u16(1), u16(answers.length), u16(0), u16(0)]);
    socket.send(Buffer.concat([header, msg.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  server.address = `127.0.0.1:${(socket.address() as AddressInfo).port}`;
  return server;
}
