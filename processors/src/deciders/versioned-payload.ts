// A station message whose action both protocol versions share (BootNotification, Authorize, ...)
// reaches its decider under the action's name, with the payload of the version the station speaks.
// The version is said, never guessed from the payload's shape: a 2.0.1 DataTransfer's `data` may be
// a string, like a 1.6 one's.

/** 1.6 unless the command says 2.0.1: every command was 1.6 before 2.0.1 came, so 1.6 needs no mark. */
export type Versioned<Ocpp16Payload, Ocpp201Payload> =
  | { readonly protocol?: 'ocpp1.6'; readonly payload: Ocpp16Payload }
  | { readonly protocol: 'ocpp2.0.1'; readonly payload: Ocpp201Payload };
