// The domain facts carry OCPP 2.0.1 detail as optional fields (null, false or [] by default);
// a fact made from a 1.6 message, or in a test, spreads the matching entry here rather than
// spelling each absent field out.
import type {
  AuthorizationDecided, ConnectorStatusChanged, IdTag, SampledValue, MeterValuesSampled, ReservationMade, StationBooted, TransactionStarted,
  TransactionStopped,
} from './generated/avro-types.ts';

type Detail<T, K extends keyof T> = { readonly [F in K]: T[F] };

export const ocpp16Detail = {
  TransactionStarted: {
    evseConnectorId: null, stationTransactionId: null, idTokenType: null, seqNo: null, triggerReason: null, offline: false,
    remoteStartId: null, missingSeqNos: [] as number[], chargingState: null,
  } satisfies Detail<
    TransactionStarted,
    | 'evseConnectorId' | 'stationTransactionId' | 'idTokenType' | 'seqNo' | 'triggerReason' | 'offline' | 'remoteStartId'
    | 'missingSeqNos' | 'chargingState'
  >,
  TransactionStopped: {
    stationTransactionId: null, seqNo: null, triggerReason: null, offline: false, missingSeqNos: [] as number[], chargingState: null,
  } satisfies Detail<TransactionStopped, 'stationTransactionId' | 'seqNo' | 'triggerReason' | 'offline' | 'missingSeqNos' | 'chargingState'>,
  MeterValuesSampled: { evseConnectorId: null } satisfies Detail<MeterValuesSampled, 'evseConnectorId'>,
  ConnectorStatusChanged: { evseConnectorId: null } satisfies Detail<ConnectorStatusChanged, 'evseConnectorId'>,
  AuthorizationDecided: { idTokenType: null } satisfies Detail<AuthorizationDecided, 'idTokenType'>,
  StationBooted: { bootReason: null } satisfies Detail<StationBooted, 'bootReason'>,
  IdTag: { idTokenType: null } satisfies Detail<IdTag, 'idTokenType'>,
  SampledValue: { signedMeterValue: null } satisfies Detail<SampledValue, 'signedMeterValue'>,
  ReservationMade: { idTokenType: null, evseId: null, connectorType: null } satisfies Detail<ReservationMade, 'idTokenType' | 'evseId' | 'connectorType'>,
} as const;
