import PrakerjaPartners
import PrakerjaSigning

/// The credentials the reference payment partner and the program use with each other.
///
/// **Test keys, published on purpose** (`Conformance/vectors/keys/`): they let the reference
/// partner, the conformance kit and the tests talk without setup. Never use them for anything real.
public enum TestCredentials {
    /// The program's client ID at the partner (X-CLIENT-KEY, X-PARTNER-ID).
    public static let clientID = "PRAKERJA-PROGRAM-01"
    /// The shared secret for transaction signatures.
    public static let clientSecret = "snap-client-secret-7d1f0c2e"

    /// The program's RSA key pair: it signs access-token requests; the partner verifies.
    public static let programPrivateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDLHsSYHMMw1hSN
        7yMB9WTQbA3FofVaOZJ1GnEUQb++OVKF4xr6VUY/KlO9O+RFEIOkkDy294E3nNOf
        v6hQHlVntYwIgWP+2gDrnyYwWA6pbBla6VNIMM4IoIE8Mb97/67NN8buyTm9cTUV
        qgHwFaIAvee1z/0rwjc8ZdJfpzC8vqEL9WLwvdJgikcBez3pHffQJhYIfgRBO5db
        ZLlLhkbrBu1GVcEWNgPDvnrRIs+YQ/gvJ8KqvQw0yHG7wR8Jlh7ozdsYFeIc2EmM
        cEJkFKiZOpBBEIDbiErCDW++7J0g8OeJHHK3vUaIMly84fG6Z1LVjI1++88rkXZW
        q1/5amZpAgMBAAECggEAGpzzp7V/CpdGFqmqNc+774X00PvtLG7mJlM6VSvfLlKO
        4i11I68IFu8aDS17dWQaR3XBiryHkOyKmr/vEt5ClOXHzPZ9Dk9sdvLBe2ySMTcR
        ZGS1TXxdhmpXPHaNLvc7ZTaFaVRyrQRX7vh5LAZ9lSjMovj3JCRcfdyecXtzqor4
        eAz9Ckwrzzm7b4IEPbTxXzlCAlxJkD7AQlXDzH5KtU8djTqP0Qel1F/ZxBZDJyss
        q5VMgqFenZccUmFcwi2QxeItP18twWBYwZU/NANdTZrZv1OiQ/4g0P5lmfCj3cku
        nzk5TnZg4+WC3qPMfoZ0878c0e0CvfU6rCFpAqJ03QKBgQD8kvn+Qf3ekMX5Vem8
        23y4O7xQN0TwEcypxYV1RgxQFwvZV5ue4WaSZTir1qfY7rAhWFBux08P4n8b10Sx
        ulXzJxCVS8z/VTpdThKebg4ttIU/P1ItVVOu/5r2lsSe0mbewToqbX7YZEfEoROi
        mF1tnnbir+ZU6a4Nw5LAO1KoZQKBgQDN4BIKkhP0sbTLryW8esOCT+A09UBEIbW0
        c/dWBV6PRpaxY5l+e8CXr6tYyQESZBKgGgTfTihbSwri9lTQ1x93lMhDLi/DqRAF
        qV+Tx48kgKo3IYcvBX1Kq8Zyf5lfOY58l/p5nFZBaXs7uEx5rpDBwOjx9wBoz15Y
        9somp3kLtQKBgB2XIo61MIbosyj49b9Yf44eAXvsXbk6fJ3PNEl/AWZIrOyzpNnC
        UoAIN9F5/oQdwqjFbfbshsi3omiimbuwtu0bwIedL9EiLQpNYUUKY8LbCVlVk80X
        2AwCiicllrd8suyZ+rSJy3iSlw3kSSadbySukgMQ1I1SK0AVj5XR3Wc5AoGBAIcM
        2OjkQIEA3dfLklactYnTOgGjbEAFWPwCIprkNM6KAKpm6rblGUan7x/z42ccDHfH
        +bA+xgx1IrQV4TeKFtNL3z7qmlygl6kPHWqEuyq32HEH5nT7BeCo5CoR+BtWV1j2
        HVIPMyn/tt5LHKep0r22/VhUrokSlxKG+b73l1kNAoGAbEasl4ikPyfUJnXQJZBN
        Rn+rhsocdPppgmOEKMH2PFhD7r6yEDoxWnfZw1EnEh3kYwVrCmLn3KzwdpqNCOHt
        7n/3UqNP86lAJgQynE+At7VRPpaVChaqrnMkrhD6dWxoURy2ituv/aIhhDsm1l8M
        PTAC1oyB/gw2plMEAh7iuDY=
        -----END PRIVATE KEY-----
        """
    public static let programPublicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyx7EmBzDMNYUje8jAfVk
        0GwNxaH1WjmSdRpxFEG/vjlSheMa+lVGPypTvTvkRRCDpJA8tveBN5zTn7+oUB5V
        Z7WMCIFj/toA658mMFgOqWwZWulTSDDOCKCBPDG/e/+uzTfG7sk5vXE1FaoB8BWi
        AL3ntc/9K8I3PGXSX6cwvL6hC/Vi8L3SYIpHAXs96R330CYWCH4EQTuXW2S5S4ZG
        6wbtRlXBFjYDw7560SLPmEP4LyfCqr0MNMhxu8EfCZYe6M3bGBXiHNhJjHBCZBSo
        mTqQQRCA24hKwg1vvuydIPDniRxyt71GiDJcvOHxumdS1YyNfvvPK5F2Vqtf+Wpm
        aQIDAQAB
        -----END PUBLIC KEY-----
        """

    /// The partner's RSA key pair: it signs notifications; the program verifies.
    public static let partnerPrivateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDFhVmpJPbUhITr
        rznKN6gQSJDq/qh+uwu5MUK0ubAZz6mIRO9PuDtEuVuxp2ACA1DBrlh1uFWDSF2P
        qaju9L/EzVS4jIERXLWcq2rd05OUvWt6V6Y2gs7N6BPeFnNPS/JGdmGiQtl3ADrm
        Ta1j/wRDlxA9BPNqULVs401rBQAepx/828+iQIKslkH//eBFB2iit6YhFI8ug3O9
        zE3e0QE5pyz8GXuXQM6hK01ZVdlI3R3Q5e7jA+OGt8N58iv+R/IXA6HEVyq7Cegg
        xYTtoLcNTKONEoEdEIxNdkyA4EkyFB/RnQ9QAu0I8Z4oBc1GsqMIDt/HplAOdDlc
        FWX/lDslAgMBAAECggEAMQM1O6/QsOzeR9ZwBmH3qey7yxgcavASiWZ0GUDfdhQt
        ywLiCDvctyGwo113SSCV/C19RV7Tl1NQZhrxMLRaVqUl4fJ5f3usFB+EEd3Tp+u1
        3QKdW7brRrRRI8GZ5OIhUQNEmF0ytaEAvI+nWCIaZoQ4cw/EsAutbULc/dKclD4v
        9sIWJa0bFxoCj+7UcHzEF0ea5wT/1A3ll2p4Swn1UA6HQxaTnRrvntLRsmrmWIxU
        M9SEAJH+g7EAXCdkN5E3t6FEntMxX1daLNbwiLicvuuar6IzKmVWDQGe2voEMm3F
        7TFV0JZ97qbaoRQ/XotiDehVcsGy9y6YsZQ7bQ13QQKBgQDvFEfB69uDJQZvLBgv
        nhLdtIMaFsRqR610TEw5qhVWSSvCTRBDifLyT3Ct3yLqa+kpj0SEal+Vw/SgBmFw
        SCYIjM2tk42N8ES5lyDV1TXGtDKvgi0mPTO7whA9jKmS46gDrQJHaC8qiJxUwfLU
        /K5jr6V2q2fzwy4YQi4o54VDQQKBgQDTgBoaGOdigQP4HxIgstZTIeAOlSanlTjW
        5BrZzJaK6HzYH8NPQLZ1ZeY8XLNuQYGKmgCoUvakDi6Mk+5MODOcEXFFBzI9CXmR
        oWJje++r++tJ2CtPwlWimaBwkYV6c8dLLzrykUrqGBPPt90N7gQ45v4YiZrQSGZq
        A+ix2ASS5QKBgQDOJSF+f11GZl127IFqRZWk3yoQC8OOlIFmfwdWzWYagXsezY4R
        flgiQQc6lOUpVqS0NhlxR7tlipJajUXlKADLbIVIfqsW0S6hDEO+vVniHKx7kvZV
        O35pDfss5yWsR2ouyTXm1lmdBjAuERHOPpYr1F8KxN8cW5ZaSm48zOymQQKBgQC0
        D6SpQTiE6VfqvvEc+4RyZC2v3JV7KRSqBqtBb+devY3EJk6OQ4bTLfy0uStdm9Fg
        obobk/49L4G71xmStGpj3Ym0fersgguIy3/LOLGUlzX6uVouXkGv2+D21T1xQe6S
        +NPTvZSs9fCv8FX3TQM1OptrYoN1/Z2LdmZ+Om2ybQKBgBh2jhLf/IBb0qJF3qbA
        RoLF2UVcp6Uh67SB8lgI+mgMbWNiJjXPxBSW8rMCGLmUjh/BN0z4lxCwMdk+kTuk
        eb9wXKfGdJgdWDh+LbgucEryp1sxeu7ZXuPu560pVvmjmoUedMc88RaUYoGfSDAx
        qigXCie4xRgXvMcxKsUuJo3X
        -----END PRIVATE KEY-----
        """
    public static let partnerPublicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxYVZqST21ISE6685yjeo
        EEiQ6v6ofrsLuTFCtLmwGc+piETvT7g7RLlbsadgAgNQwa5YdbhVg0hdj6mo7vS/
        xM1UuIyBEVy1nKtq3dOTlL1relemNoLOzegT3hZzT0vyRnZhokLZdwA65k2tY/8E
        Q5cQPQTzalC1bONNawUAHqcf/NvPokCCrJZB//3gRQdooremIRSPLoNzvcxN3tEB
        Oacs/Bl7l0DOoStNWVXZSN0d0OXu4wPjhrfDefIr/kfyFwOhxFcquwnoIMWE7aC3
        DUyjjRKBHRCMTXZMgOBJMhQf0Z0PUALtCPGeKAXNRrKjCA7fx6ZQDnQ5XBVl/5Q7
        JQIDAQAB
        -----END PUBLIC KEY-----
        """

    /// The program as a SNAP client of the partner.
    public static var program: SNAPClientCredentials {
        SNAPClientCredentials(clientID: clientID, clientSecret: clientSecret, publicKey: try! SNAPPublicKey(pem: programPublicKeyPEM))
    }
}
