import type { SubgraphCompose } from '@mall/kit';

/** Payment's container in docker-compose.yml (`pnpm compose` reads this): WeChat Pay is the fake, and the merchant key is mounted. */
export default {
  environment: {
    WECHAT_PAY_API_BASE: 'http://wechat-fake:4011',
    PAYMENT_NOTIFY_BASE_URL: { value: 'http://payment:4005', note: 'The fake WeChat Pay posts notifications here (in production: your public https URL).' },
    PAYMENT_DEV_METHOD: 'true',
    WECHAT_PAY_MERCHANT_PRIVATE_KEY: '@/run/secrets/wechatpay-merchant.pem',
  },
  volumes: ['./packages/kit/dev-keys/wechatpay-merchant-dev-private.pem:/run/secrets/wechatpay-merchant.pem:ro'],
  startsAfter: ['wechat-fake'],
} satisfies SubgraphCompose;
