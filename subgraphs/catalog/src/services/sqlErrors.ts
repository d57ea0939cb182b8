/** mysql2 errors carry the server's error number; 1062 is a duplicate key (same on MySQL and MariaDB). */
export function isDuplicateKey(error: unknown): boolean {
  const cause = error instanceof Error && 'cause' in error ? (error as { cause: unknown }).cause : undefined;
  return [error, cause].some(
    (e) => typeof e === 'object' && e !== null && (e as { errno?: number }).errno === 1062,
  );
}
