// The OCPP 2.0.1 IdTokenEnumType values an id tag may be restricted to, read from the official
// schema (IdTokenType, as in AuthorizeRequest) so that the api lists none by hand.
import { ocppSchemaId, ocppSchemas, type Ocpp201 } from '@csms/contracts';

interface WithIdTokenEnum { readonly definitions: { readonly IdTokenEnumType: { readonly enum: readonly Ocpp201.IdTokenEnumType[] } } }

function idTokenTypes(): readonly Ocpp201.IdTokenEnumType[] {
  const authorize = ocppSchemas('ocpp2.0.1').find((schema) => schema.$id === ocppSchemaId('Authorize', 'req'));
  if (authorize === undefined) throw new Error('no OCPP 2.0.1 Authorize schema');
  return (authorize as unknown as WithIdTokenEnum).definitions.IdTokenEnumType.enum;
}

export const ID_TOKEN_TYPES = idTokenTypes();

/** OCPP 1.6 IdToken is CiString20Type; a 2.0.1 IdTokenType.idToken holds up to 36 characters. */
const MAX_ID_TAG_LENGTH = 20;
export const MAX_ID_TOKEN_LENGTH = 36;

/**
 * Why an id tag cannot be kept as given, or null. A tag without a type matches a token of any
 * type, 1.6 stations' included, so it keeps to the 1.6 length; only a typed one, which a 1.6
 * station never presents, may be longer (its parent too: the group token of a 2.0.1 answer).
 */
export function idTagLengthProblem(tag: { readonly idTag: string; readonly parentIdTag: string | null; readonly idTokenType: string | null }): string | null {
  if (tag.idTokenType !== null) return null;
  for (const [field, value] of [['idTag', tag.idTag], ['parentIdTag', tag.parentIdTag]] as const) {
    if (value !== null && value.length > MAX_ID_TAG_LENGTH) {
      return `body/${field} must NOT have more than ${MAX_ID_TAG_LENGTH} characters without an idTokenType (up to ${MAX_ID_TOKEN_LENGTH} with one)`;
    }
  }
  return null;
}
