import PrakerjaPartners

/// The program's test credentials at the reference training provider, digital platform and job
/// portal (the payment partner uses SNAP credentials of its own). Test values, published on purpose.
public enum ReferenceCredentials {
    public static let program = ProgramClientCredentials(clientCode: "PRAKERJA-PROGRAM", signKey: "reference-partner-test-sign-key")
}
