import HTTPTypes

extension HTTPFields {
    /// The value of `name`, as `self[name]` answers it (several fields joined with ", "), without
    /// building a joined string when the field appears once, as a signed request's headers do:
    /// the subscript joins even a single value, an allocation for every header of every request.
    package func value(_ name: HTTPField.Name) -> String? {
        guard let first = firstIndex(where: { $0.name == name }) else { return nil }
        guard self[index(after: first)...].contains(where: { $0.name == name }) else { return self[first].value }
        return self[name]
    }
}
