import PrakerjaConformance
import PrakerjaPartners

/// The words a course is compared with that its proposer does not write: the KBJI 2014 words of
/// its occupations and the KBLI 2020 words of the divisions of its SKKNI units that fit them (a
/// division's title is left out: "Aktivitas kantor pusat" would make any office word fit).
enum CourseVocabulary {
    static func of(_ course: CourseDetail, _ reference: ReferenceData) -> Vocabulary {
        let codes = course.occupations.map(\.code)
        let fitting = Set(codes.flatMap(reference.occupations.divisions(for:)))
        let divisions = course.competencies.compactMap(\.code).compactMap { try? reference.sectors.division(ofUnit: $0).get() }
            .filter { fitting.contains($0.code) }
        return Vocabulary(
            codes.flatMap(reference.occupations.words(for:)) + divisions.flatMap(\.words),
            products: codes.flatMap(reference.occupations.products(for:)))
    }
}
