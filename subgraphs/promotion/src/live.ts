import { AppError, ErrorCode, ID_PATTERN, defineLive, topic } from '@mall/kit';

/**
 * Live flash sales: `flashSaleChanged(sessionId)` answers with `flashSession(id:)` first,
 * then again after every `flash.changed` of the session (batched by promotion: at most a
 * few a second however many units go), so a page shows the remaining units and the sell-out.
 * Group buys: `groupBuyTeamUpdated(teamId)` answers with `groupBuyTeam(id:)` first, then after
 * every `groupbuy.team.updated` of the team (a seat taken, paid or freed, its outcome).
 */
const idArgument = (name: string, what: string) => (args: Record<string, unknown>): string => {
  const id = String(args[name]);
  if (!ID_PATTERN.test(id)) throw new AppError(ErrorCode.BAD_USER_INPUT, `${name} is not a ${what} id.`, { field: name });
  return id;
};
const sessionIdOf = idArgument('sessionId', 'session');
const teamIdOf = idArgument('teamId', 'team');

export default defineLive({
  fields: {
    groupBuyTeamUpdated: {
      entity: 'groupBuyTeam',
      topics: (args) => [topic('groupBuyTeam', teamIdOf(args))],
      initial: (args) => [teamIdOf(args)],
    },
    flashSaleChanged: {
      entity: 'flashSession',
      topics: (args) => [topic('flashSession', sessionIdOf(args))],
      initial: (args) => [sessionIdOf(args)],
    },
  },
  routes: [
    {
      subjects: ['groupbuy.team.updated'],
      route: (type, data) => (type === 'groupbuy.team.updated' && typeof data['teamId'] === 'string' ? { entity: 'groupBuyTeam', id: data['teamId'], topics: [topic('groupBuyTeam', data['teamId'])] } : null),
    },
    {
      subjects: ['flash.>'],
      route: (type, data) => (type === 'flash.changed' && typeof data['sessionId'] === 'string' ? { entity: 'flashSession', id: data['sessionId'], topics: [topic('flashSession', data['sessionId'])] } : null),
    },
  ],
});
