-- An OCPP 2.0.1 transaction is found by the id its station gave it (GET /transactions?stationTransactionId=).
CREATE INDEX transactions_station_transaction_idx ON transactions (station_transaction_id, charge_point_id)
  WHERE station_transaction_id IS NOT NULL;
