import Foundation

/// The levers a scenario's steps pull, worked out once per scenario for every cohort, building and day:
/// what the Bass rates gain from announcements, training, pilots and champions, when each cohort joins
/// the upgrade, the notice each move gave, and the network fixes in force. Deterministic: the dice come later.
struct LeverSchedule: Sendable {
    let days: Int
    /// [cohort][day] innovation and imitation added to the base rates.
    var innovationAdd: [[Double]]
    var imitationAdd: [[Double]]
    var trainedShare: [[Double]]
    var championCoverage: [[Double]]
    /// First day a step touches the cohort (Int.max: never): a cohort no step touches keeps today's clients.
    var inPlay: [Int]
    /// [building][day]
    var addedMbps: [[Double]]
    var udpOpen: [[Bool]]
    var splitTunnel: [[Bool]]
    /// Days of notice each move step gave (by step index, 0-based), from notify= or the last announcement.
    var notice: [Int: Int]

    init(plan: ScenarioPlan, input: SimulationInput) {
        let s = plan.scenario, p = s.parameters
        days = s.days
        let cohorts = input.cohortNames.count + 1
        let zero = [Double](repeating: 0, count: s.days)
        innovationAdd = Array(repeating: zero, count: cohorts)
        imitationAdd = innovationAdd
        trainedShare = innovationAdd
        championCoverage = innovationAdd
        inPlay = Array(repeating: Int.max, count: cohorts)
        let buildings = input.buildingNames.count
        addedMbps = Array(repeating: zero, count: buildings)
        udpOpen = Array(repeating: [Bool](repeating: false, count: s.days), count: buildings)
        splitTunnel = udpOpen
        notice = [:]
        func cohortIndex(_ name: String) -> Int {
            input.cohortNames.firstIndex { $0.lowercased() == name.lowercased() } ?? cohorts - 1
        }
        func building(_ name: String) -> Int? { input.buildingNames.firstIndex { $0.lowercased() == name.lowercased() } }
        var lastAnnounce = [Int?](repeating: nil, count: cohorts)
        var trained = [Double](repeating: 0, count: cohorts), champions = [Double](repeating: 0, count: cohorts)
        let order = s.steps.indices.sorted { (s.steps[$0].on, $0) < (s.steps[$1].on, $1) }
        for i in order {
            let step = s.steps[i], d = s.dayIndex(step.on)
            func touch(_ c: Int) { inPlay[c] = min(inPlay[c], d) }
            switch step.action {
            case let .move(name, _, notify, _):
                let c = cohortIndex(name)
                touch(c)
                notice[i] = notify ?? lastAnnounce[c].map { d - $0 } ?? 0
            case .global:
                for c in 0..<cohorts { touch(c) }
            case let .announce(name):
                let targets = name.map { [cohortIndex($0)] } ?? Array(0..<cohorts)
                for c in targets {
                    touch(c)
                    lastAnnounce[c] = lastAnnounce[c] ?? d
                    for t in d..<s.days { innovationAdd[c][t] += p["announce_boost"] * exp(-Double(t - d) / p["announce_decay_days"]) }
                }
            case let .pilot(name, length, _):
                let c = cohortIndex(name)
                touch(c)
                for t in d..<min(s.days, d + length) { innovationAdd[c][t] += p["pilot_boost"] }
            case let .training(name, capacity):
                let c = cohortIndex(name)
                touch(c)
                trained[c] += Double(capacity)
                let share = min(1, trained[c] / Double(max(1, input.cohortSize[c])))
                for t in d..<s.days { trainedShare[c][t] = share }
            case let .champions(name, count):
                let c = cohortIndex(name)
                touch(c)
                champions[c] += Double(count)
                let coverage = min(1, champions[c] / max(1, Double(input.cohortSize[c]) * p["champion_ratio"]))
                for t in d..<s.days { championCoverage[c][t] = coverage }
            case let .networkFix(name, fix):
                guard let b = building(name) else { continue }
                for t in d..<s.days {
                    switch fix {
                    case .udp: udpOpen[b][t] = true
                    case .wan(let mbps): addedMbps[b][t] += mbps
                    case .splitTunnel: splitTunnel[b][t] = true
                    }
                }
            case .review:
                break
            }
        }
        for c in 0..<cohorts {
            for t in 0..<s.days {
                innovationAdd[c][t] += p["training_boost"] * trainedShare[c][t]
                imitationAdd[c][t] += p["champion_boost"] * championCoverage[c][t]
            }
        }
    }
}
