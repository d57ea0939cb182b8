import type { SubgraphCompose } from '@mall/kit';

/** Membership's container in docker-compose.yml (`pnpm compose` reads this): WeChat is the fake, and the token signing key is mounted. */
export default {
  environment: {
    WECHAT_API_BASE: 'http://wechat-fake:4010',
    JWT_PRIVATE_KEY: { value: '@/run/secrets/jwt-private.pem', note: 'The image holds no private key: the development one is mounted, as a real one would be.' },
  },
  volumes: ['./packages/kit/dev-keys/jwt-dev-private.pem:/run/secrets/jwt-private.pem:ro'],
  startsAfter: ['wechat-fake'],
} satisfies SubgraphCompose;
