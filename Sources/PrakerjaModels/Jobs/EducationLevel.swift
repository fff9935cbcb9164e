/// Levels of formal education, as Indonesian job vacancies state their minimum requirement.
///
/// Ordered: `.sd < .smp < ... < .s3`. The program accepts participants of every level.
public enum EducationLevel: String, Sendable, Codable, CaseIterable, Comparable, WireEnumeration {
    /// Sekolah Dasar (primary).
    case sd = "SD"
    /// Sekolah Menengah Pertama (lower secondary).
    case smp = "SMP"
    /// SMA or SMK (upper secondary, general or vocational).
    case sma = "SMA"
    /// Diploma 1 to 4.
    case d1 = "D1", d2 = "D2", d3 = "D3", d4 = "D4"
    /// Sarjana (bachelor), magister, doktor.
    case s1 = "S1", s2 = "S2", s3 = "S3"

    public static func < (lhs: EducationLevel, rhs: EducationLevel) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
}
