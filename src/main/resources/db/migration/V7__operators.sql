-- Vertok schema, version 7: operator accounts (docs/security.md, "Operators"). The people who run
-- Vertok sign in to the event-bus bridges with these; they are not app users and an app user's
-- token never serves as an operator's (nor the other way round). Owned by the user domain.
CREATE TABLE operators (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  name          VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    BIGINT       NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_operators_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
