import { AppError, ErrorCode, ID_PATTERN, defineLive, topic } from '@mall/kit';

/**
 * Live flash sales: `flashSaleChanged(sessionId)` answers with `flashSession(id:)` first,
 * then again after every `flash.changed` of the session (batched by promotion: at most a
 * few a second however many units go), so a page shows the remaining units and the sell-out.
 */
const sessionIdOf = (args: Record<string, unknown>): string => {
  const id = String(args['sessionId']);
  if (!ID_PATTERN.test(id)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'sessionId is not a session id.', { field: 'sessionId' });
  return id;
};

export default defineLive({
  fields: {
    flashSaleChanged: {
      entity: 'flashSession',
      topics: (args) => [topic('flashSession', sessionIdOf(args))],
      initial: (args) => [sessionIdOf(args)],
    },
  },
  routes: [
    {
      subjects: ['flash.>'],
      route: (type, data) => (type === 'flash.changed' && typeof data['sessionId'] === 'string' ? { entity: 'flashSession', id: data['sessionId'], topics: [topic('flashSession', data['sessionId'])] } : null),
    },
  ],
});
