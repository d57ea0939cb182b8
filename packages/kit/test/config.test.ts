import { describe, expect, it } from 'vitest';
import { ConfigError, loadGatewayConfig, loadSubgraphConfig } from '../src/index.ts';

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

  it('refuses the bundled development key in production', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY: required when NODE_ENV=production/);
  });

  it('rejects a key that is not PEM', () => {
    expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: 'not a key' })).toThrow(/JWT_PUBLIC_KEY: expected a PEM key/);
  });

  it('lets a subgraph URL be overridden for the gateway', () => {
    const config = loadGatewayConfig({ CATALOG_URL: 'http://catalog:4001/graphql' });
    expect(config.subgraphUrls.catalog).toBe('http://catalog:4001/graphql');
    expect(() => loadGatewayConfig({ CATALOG_URL: 'catalog:4001' })).toThrow(/CATALOG_URL/);
  });
});
