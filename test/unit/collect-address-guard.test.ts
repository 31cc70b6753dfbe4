import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPublicAddress, literalAddress, publicOnlyLookup } from '../../src/collect/address-guard.js';

describe('isPublicAddress', () => {
  test('IPv4: loopback, private, shared, link-local, multicast, reserved and documentation ranges are not public', () => {
    const notPublic = [
      '0.0.0.0', '0.1.2.3', '10.0.0.1', '10.255.255.255', '100.64.0.1', '100.127.255.254', '127.0.0.1', '127.8.9.10', '169.254.169.254', '172.16.0.1',
      '172.31.255.255', '192.0.0.8', '192.0.2.10', '192.168.1.1', '198.18.0.1', '198.19.255.1', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.255.255.250',
      '240.0.0.1', '255.255.255.255',
    ];
    for (const address of notPublic) assert.equal(isPublicAddress(address), false, address);
    for (const address of ['1.1.1.1', '8.8.8.8', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '198.20.0.1', '93.184.216.34', '223.255.255.255']) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });

  test('IPv6: loopback, unspecified, link-local, site-local, unique-local, multicast, documentation', () => {
    for (const address of ['::', '::1', '0:0:0:0:0:0:0:1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'fec0::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1', '100::1', '[::1]']) {
      assert.equal(isPublicAddress(address), false, address);
    }
    for (const address of ['2606:4700:4700::1111', '2001:4860:4860::8888', '2400:cb00::1', 'fe00::1']) assert.equal(isPublicAddress(address), true, address);
  });

  test('IPv6 forms that carry an IPv4 address are judged by it: mapped, compatible, translated, NAT64, 6to4', () => {
    const cases: [string, boolean][] = [
      ['::ffff:127.0.0.1', false],
      ['::ffff:7f00:1', false],
      ['::FFFF:10.1.2.3', false],
      ['0:0:0:0:0:ffff:c0a8:0101', false],
      ['::ffff:8.8.8.8', true],
      ['::127.0.0.1', false],
      ['::ffff:0:192.168.0.1', false],
      ['64:ff9b::10.0.0.1', false],
      ['64:ff9b::808:808', true],
      ['64:ff9b:1::1.1.1.1', false],
      ['2002:c0a8:0101::1', false],
      ['2002:0808:0808::1', true],
    ];
    for (const [address, expected] of cases) assert.equal(isPublicAddress(address), expected, address);
  });

  test('anything that is not an address is not public', () => {
    for (const value of ['', 'localhost', 'example.org', '1.2.3', '1.2.3.256', '::1::2', 'g::1', '1:2:3:4:5:6:7:8:9']) assert.equal(isPublicAddress(value), false, value);
  });
});

describe('literalAddress and publicOnlyLookup', () => {
  test('IP literals in URLs are recognised, names are not', () => {
    assert.equal(literalAddress('[::1]'), '::1');
    assert.equal(literalAddress('127.0.0.1'), '127.0.0.1');
    assert.equal(literalAddress('example.org'), undefined);
  });

  test('a name resolving to private addresses is refused; mixed answers keep only the public ones', async () => {
    const resolver = ((hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) => {
      const table: Record<string, { address: string; family: number }[]> = {
        'inside.test': [{ address: '192.168.0.10', family: 4 }, { address: 'fd00::10', family: 6 }],
        'mixed.test': [{ address: '10.0.0.1', family: 4 }, { address: '93.184.216.34', family: 4 }],
      };
      callback(null, table[hostname] ?? []);
    }) as never;
    const lookup = publicOnlyLookup(undefined, resolver);
    const ask = (hostname: string, all: boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) => lookup(hostname, { all }, (error, address) => resolve({ error, address })));
    const inside = await ask('inside.test', true);
    assert.match(String(inside.error?.message), /inside\.test is a local or private address \(192\.168\.0\.10\)/);
    assert.deepEqual((await ask('mixed.test', true)).address, [{ address: '93.184.216.34', family: 4 }]);
    assert.equal((await ask('mixed.test', false)).address, '93.184.216.34');
  });
});
