import PrakerjaModels
import Testing

@Suite struct MaskingTests {
    @Test func masksEachKindOfPersonalData() {
        #expect(Masking.nik("3273014508950001") == "************0001")
        #expect(Masking.phone("+6281234567890") == "+62812*****890")
        #expect(Masking.phone("081234567890") == "0812*****890")
        #expect(Masking.accountNumber("1234567890") == "******7890")
        #expect(Masking.name("Siti Rahmawati") == "S*** R********")
        #expect(Masking.name("Budi") == "B***")
        #expect(Masking.email("siti.rahma@example.id") == "s*********@example.id")
        #expect(Masking.keepingLast(4, of: "1234567") == "*******")  // too short to show anything
    }

    @Test func redactsIdentifiersInFreeText() {
        let line =
            #"{"nik":"3273014508950001","phone":"+6281234567890","email":"siti.rahma@example.id","amount":"600000.00","timestamp":"1698289216"}"#
        let redacted = PersonalDataRedactor.redact(line)
        #expect(
            redacted
                == #"{"nik":"************0001","phone":"+*********7890","email":"s*********@example.id","amount":"600000.00","timestamp":"1698289216"}"#
        )
        #expect(PersonalDataRedactor.redact("call 081234567890 or mail budi@x.co.") == "call ********7890 or mail b***@x.co.")
        #expect(PersonalDataRedactor.redact("rekening 0123456789 atas nama") == "rekening ******6789 atas nama")
        #expect(PersonalDataRedactor.redact("at 1698289216, 600000 rupiah") == "at 1698289216, 600000 rupiah")
        #expect(PersonalDataRedactor.redact("hp 0812345678") == "hp ******5678")
        #expect(PersonalDataRedactor.redact("no @ here, a@b, @x.id") == "no @ here, a@b, @x.id")
    }

    /// Evidence masks people's data, not transactions': a reference a message names is found in the exchange as it is.
    @Test func transactionReferencesAreKeptWhilePersonalDataIsMasked() {
        let body =
            #"{"partnerReferenceNo":"PRK-20211102-0000000001","originalReferenceNo":"REF00000000012","customerNumber":"6281234567801","notes":"rekening 0123456789"}"#
        #expect(
            PersonalDataRedactor.redactJSON(body)
                == #"{"partnerReferenceNo":"PRK-20211102-0000000001","originalReferenceNo":"REF00000000012","customerNumber":"62812*****801","notes":"rekening ******6789"}"#
        )
    }

    /// The document is read byte by byte: names and keys in any script, escaped quotes, space
    /// around colons and identifiers sent as numbers keep their place; strings with nothing
    /// personal are kept as they are.
    @Test func documentsInAnyScriptKeepTheirLayout() {
        let body = """
            {"title" : "Kursus Barista \\"Kopi\\" – café ☕", "reviewer":"Ñoman Ayu Wé", "phone": 6281234567801,
             "nik" :"3174012345678901", "items":[{"note":"mail siti@contoh.id, kode 1698289216"}, "ok"], "price": -600000.5}
            """
        #expect(
            PersonalDataRedactor.redactJSON(body) == """
                {"title" : "Kursus Barista \\"Kopi\\" – café ☕", "reviewer":"Ñ**** A** W*", "phone": "62812*****801",
                 "nik" :"************8901", "items":[{"note":"mail s***@contoh.id, kode 1698289216"}, "ok"], "price": -600000.5}
                """)
        #expect(PersonalDataRedactor.redactJSON(#"{"note":"unterminated 081234567890"#) == #"{"note":"unterminated ********7890"#)
    }

    /// People named by their role are masked like any name, and a name already masked stays as it is.
    @Test func reviewersParticipantsAndHoldersAreMasked() {
        let body = #"{"reviewer":"Siti Rahmawati","participant":"A*** P*******","holder":"Budi Santoso","courseCode":"REFLP01-01S1"}"#
        #expect(
            PersonalDataRedactor.redactJSON(body)
                == #"{"reviewer":"S*** R********","participant":"A*** P*******","holder":"B*** S******","courseCode":"REFLP01-01S1"}"#)
    }
}
