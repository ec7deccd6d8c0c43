CREATE TABLE t (a int, b int);
create view v as
  select t.a
  from t
  where (t.b > 0);
