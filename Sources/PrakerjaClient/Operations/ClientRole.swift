import PrakerjaModels

/// Who a program client is: a training institution or a digital platform. Each endpoint serves one role.
public enum ClientRole: String, Codable, Sendable, CaseIterable, WireEnumeration {
    /// Lembaga Pelatihan: a training institution.
    case lp
    /// Platform Digital: a digital platform.
    case dp
}
