/**
 * The WHERE term keeping only the rows of `alias` whose id is in `@ids` (a JSON array): one
 * statement text whatever the number of ids, and SQLite looks each id up by its primary key.
 */
export const idsTerm = (alias: string) => `${alias}.id IN (SELECT value FROM json_each(@ids))`;
