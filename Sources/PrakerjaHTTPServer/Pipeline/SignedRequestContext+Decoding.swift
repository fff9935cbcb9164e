import PrakerjaModels

extension SignedRequestContext {
    /// The request body as `Value`, or the contract's refusal naming the field at fault.
    /// - Parameter refusesNullForOptionals: whether `null` for an optional field is refused
    ///   (the role APIs say a field is either present with a value or absent).
    package func decodeBody<Value: Decodable, Failure: ContractError>(
        _ type: Value.Type, refusesNullForOptionals: Bool = true, failure: Failure.Type
    ) throws(Failure) -> Value {
        do {
            return try CompactJSONDecoder(refusesNullForOptionals: refusesNullForOptionals).decode(type, from: requestBody)
        } catch {
            throw Failure.undecodableBody(error)
        }
    }
}
