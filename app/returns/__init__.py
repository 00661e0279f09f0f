"""Excel returns (上报表): a shared writer and the tables built on it."""
