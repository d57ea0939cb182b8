import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadGatewayConfig, loadSubgraphConfig, loadTokenIssuerConfig } from '../src/index.ts';

describe('config', () => {
  it('has defaults that work against localhost and docker compose alike', () => {
    const config = loadSubgraphConfig('catalog', {});
    expect(config.port).toBe(4001);
    expect(config.database).toBe('mall_catalog');
    expect(config.mysql.url).toBe('mysql://root@127.0.0.1:3306');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(config.jwt.usingDevKey).toBe(true);
  });

  it('reads per-subgraph variables', () => {
    const config = loadSubgraphConfig('catalog', { CATALOG_PORT: '5001', CATALOG_DATABASE: 'shop_catalog' });
    expect(config.port).toBe(5001);
    expect(config.database).toBe('shop_catalog');
  });

  it('names every bad variable and what it expects', () => {
    const load = () =>
      loadSubgraphConfig('catalog', { CATALOG_PORT: 'eighty', MYSQL_URL: 'postgres://x', LOG_LEVEL: 'loud' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/CATALOG_PORT: expected a port number \(got "eighty"\)/);
    expect(load).toThrow(/MYSQL_URL: expected a URL starting with mysql:\/\/ \(got "postgres:\/\/x"\)/);
    expect(load).toThrow(/LOG_LEVEL: .*\(got "loud"\)/);
  });

  it('refuses the bundled development key in production, also when configured explicitly', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY: required when NODE_ENV=production/);
    const devPublic = `@${new URL('../dev-keys/jwt-dev-public.pem', import.meta.url).pathname}`;
    const devPrivate = `@${new URL('../dev-keys/jwt-dev-private.pem', import.meta.url).pathname}`;
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', JWT_PUBLIC_KEY: devPublic })).toThrow(/not the bundled development key/);
    expect(() => loadTokenIssuerConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: devPrivate })).toThrow(/not the bundled development key/);

    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const own = loadGatewayConfig({ NODE_ENV: 'production', JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    expect(own.jwt.usingDevKey).toBe(false);
    expect(loadTokenIssuerConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }).privateKey).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('rejects a key that is not PEM', () => {
    expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: 'not a key' })).toThrow(/JWT_PUBLIC_KEY: expected a PEM key/);
  });

  it('serves metrics apart from the public port, on the loopback unless told otherwise, or not at all', () => {
    expect(loadSubgraphConfig('catalog', {}).metrics).toEqual({ port: 9401, host: '127.0.0.1' });
    expect(loadSubgraphConfig('payment', {}).metrics).toEqual({ port: 9405, host: '127.0.0.1' });
    expect(loadGatewayConfig({}).metrics).toEqual({ port: 9400, host: '127.0.0.1' });
    expect(loadSubgraphConfig('catalog', { CATALOG_METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 0, host: '0.0.0.0' });
    expect(loadGatewayConfig({ GATEWAY_METRICS_PORT: 'off' }).metrics).toBeNull();
    expect(() => loadSubgraphConfig('catalog', { CATALOG_METRICS_PORT: '70000' })).toThrow(
      /CATALOG_METRICS_PORT: expected a port between 0 and 65535, or off \(got "70000"\)/,
    );
  });

  it('lets a subgraph URL be overridden for the gateway', () => {
    const config = loadGatewayConfig({ CATALOG_URL: 'http://catalog:4001/graphql' });
    expect(config.subgraphUrls.catalog).toBe('http://catalog:4001/graphql');
    expect(() => loadGatewayConfig({ CATALOG_URL: 'catalog:4001' })).toThrow(/CATALOG_URL/);
  });
});
