-- A 100,000-row table: create, fill, index, query; in WAL mode so the -shm file is mapped shared.
PRAGMA journal_mode=WAL;
CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp INTEGER NOT NULL, price REAL NOT NULL, note TEXT);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO items(id, name, grp, price, note)
  SELECT i, printf('item-%06d', i), (i * 7919) % 1000, ((i * 104729) % 100000) / 100.0,
         CASE WHEN i % 17 = 0 THEN 'special' ELSE NULL END FROM n;
COMMIT;
CREATE INDEX items_grp ON items(grp);
CREATE INDEX items_price ON items(price);
SELECT count(*), sum(grp), round(sum(price), 2), count(note) FROM items;
SELECT grp, count(*), round(avg(price), 3) FROM items WHERE grp BETWEEN 10 AND 14 GROUP BY grp ORDER BY grp;
SELECT id, name, price FROM items WHERE price > 999.9 ORDER BY price DESC, id LIMIT 5;
SELECT name FROM items WHERE grp = 123 ORDER BY id LIMIT 3;
EXPLAIN QUERY PLAN SELECT * FROM items WHERE grp = 5;
UPDATE items SET price = price * 2 WHERE grp < 10;
DELETE FROM items WHERE id % 10 = 0;
SELECT count(*), round(sum(price), 2) FROM items;
SELECT substr(name, 6), length(name), upper(note) FROM items WHERE note IS NOT NULL ORDER BY id LIMIT 3;
PRAGMA integrity_check;
PRAGMA wal_checkpoint(TRUNCATE);
