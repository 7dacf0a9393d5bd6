DROP INDEX users_search;
