import PrakerjaModels

extension SignedRequestContext {
    /// The request body as `Value`, or the contract's refusal naming the field at fault.
    /// - Parameters:
    ///   - refusesNullForOptionals: whether `null` for an optional field is refused (the role APIs
    ///     say a field is either present with a value or absent).
    ///   - refusesDuplicateKeys: whether an object that repeats a key is refused (the payment contract).
    ///   - emptyStringsAreMissing: whether a field sent as `""` is read as left out (SNAP: an empty
    ///     mandatory field is a missing one).
    package func decodeBody<Value: Decodable, Failure: ContractError>(
        _ type: Value.Type, refusesNullForOptionals: Bool = true, refusesDuplicateKeys: Bool = false, emptyStringsAreMissing: Bool = false,
        failure: Failure.Type
    ) throws(Failure) -> Value {
        do {
            return try CompactJSONDecoder(
                refusesNullForOptionals: refusesNullForOptionals, refusesDuplicateKeys: refusesDuplicateKeys,
                emptyStringsAreMissing: emptyStringsAreMissing
            )
            .decode(type, from: requestBody)
        } catch {
            throw Failure.undecodableBody(error)
        }
    }
}
