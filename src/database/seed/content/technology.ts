import type { TopicGroup } from "./types";

export const technology: TopicGroup = {
  tag: "technology",
  authors: ["lukas-weber", "lukas-weber", "grace-mwangi"],
  stories: [
    {
      titles: [
        "{place} council systems back online {n} days after ransomware attack",
        "Ransomware attack left {place} council offline for {n} days",
      ],
      excerpt:
        "Payments, planning applications and housing repairs were all disrupted after a ransomware attack on {place} City Council. The council says it did not pay the criminals.",
      lede: "{place} City Council says most of its online services are working again {n} days after a ransomware attack forced it to shut down its computer systems. Residents were unable to pay bills, book appointments or submit planning applications online while the systems were offline.",
      detail:
        "The council said it had refused to pay a ransom and had restored its systems from backups, working with national cyber security officials and an outside incident response firm. It is still investigating whether personal data was taken; about {m} staff have been asked to reset passwords and enrol again in two-factor authentication.",
      closer:
        "The council said it would publish a full account of the attack once its investigation is complete, expected within three months, and would write to any resident whose personal data is found to have been affected.",
      list: {
        intro: "Security specialists recommend that organisations of every size:",
        items: [
          "keep offline backups and regularly test restoring from them",
          "turn on two-factor authentication for every account that supports it",
          "install software updates promptly, especially on internet-facing systems",
          "train staff to recognise and report suspicious emails",
        ],
      },
      alt: "A laptop showing a login screen in an empty council office in {place}",
      n: [4, 19, 1],
      m: [1200, 6800, 100],
    },
    {
      titles: [
        "{org} raises {cur}{n} million to expand from {place}",
        "{place} software start-up {org} lands {cur}{n} million investment",
      ],
      excerpt:
        "{org}, founded in {place} four years ago, has raised {cur}{n} million from investors. It plans to double its engineering team over the next eighteen months.",
      lede: "{org}, a software company founded in {place} four years ago, has raised {cur}{n} million in a funding round led by a group of European venture capital firms. The company makes tools that help small manufacturers track orders, stock and machine maintenance.",
      detail:
        "The founders said the money would be used to hire engineers and open sales offices in two more countries. The company currently employs about {m} people, most of them in {place}, and says its software is used in more than a thousand factories. Investors said they were attracted by its steady revenue from subscriptions rather than rapid growth at any cost.",
      closer:
        "The company expects to announce the locations of its new offices before the end of the year and says it will keep its headquarters and most of its engineering team in {place}.",
      paragraphs: [
        "The technology sector in {place} has grown steadily over the past decade, helped by the local university, relatively low office costs and a well-regarded developer community that meets regularly for talks and workshops.",
        "Investment in European technology companies has been uneven in recent years. Funding fell sharply after a boom, and investors have become more interested in companies with steady revenue than in those promising rapid growth.",
        "Small and medium-sized manufacturers have been slow to adopt new software, often relying on spreadsheets, paper job cards and the memory of long-serving staff. Industry groups say rising costs and a shortage of skilled workers are pushing more of them to modernise.",
        "Recruitment remains the biggest constraint for growing software companies outside capital cities. Founders say experienced engineers are in short supply, although the spread of remote and hybrid working has widened the pool of people they can hire.",
        "Regional development agencies have tried to encourage more local investment, with mixed success. Critics say public money often ends up supporting companies that would have grown anyway, while supporters argue that early backing helps keep promising firms from moving away.",
      ],
      alt: "Software developers working at desks in an open-plan office in {place}",
      n: [4, 48, 1],
      m: [35, 180, 5],
      tags: ["business"],
      orgs: ["Fieldline", "Northwind Labs", "Clearstack", "Kestrel Systems", "Tallyworks"],
      roles: ["a co-founder of {org}", "the chief executive of {org}"],
      quotes: [
        "Residents should not have to choose between using a public service and protecting their privacy",
        "Our customers pay us every month because the product saves them time, and that is the business we want to grow",
        "We were in no hurry to raise money, so we could choose investors who understand manufacturing",
      ],
    },
    {
      titles: [
        "{place} hospitals trial AI tool to cut waiting times for scans",
        "AI that reads scans goes on trial in {place} hospitals",
      ],
      excerpt:
        "An artificial intelligence system that flags urgent scans for radiologists is being tested in {place}. Doctors stress that a human still makes every diagnosis.",
      lede: "Hospitals in {place} have begun a trial of an artificial intelligence tool that sorts incoming scans so that the most urgent are seen by a radiologist first. The trial will run for a year and cover about {n} scans a month.",
      detail:
        "The software does not make diagnoses. It flags images that show possible signs of serious conditions so that they move to the top of a specialist's list. Early results from a pilot suggested the average wait for the most urgent cases fell by about {m} per cent, although the researchers caution that the numbers are small and the trial must be independently evaluated.",
      closer:
        "Results from the trial will be evaluated independently and published at the end of the year. Patients can ask for their scans to be excluded from the study without affecting their care.",
      paragraphs: [
        "Demand for scans has grown much faster than the number of radiologists trained to read them. Professional bodies estimate that many hospitals now rely on overtime and outsourcing to keep waiting lists from growing further.",
        "The European Union's rules on artificial intelligence classify systems used in health care as high risk, requiring developers to document how they were trained and tested and to keep humans in control of important decisions.",
        "Researchers caution that tools which perform well in one hospital do not always perform as well in another, where the scanners, the patients and the way images are taken may differ. That is why independent evaluation in real conditions matters, they say.",
        "Patient groups have broadly welcomed the trial but asked for clear information about how images are used and stored. The hospital trust says scans do not leave its own systems and are not used to train the software further.",
        "The technology sector in {place} has grown steadily over the past decade, and several local companies now work with hospitals and universities on medical imaging and data analysis.",
      ],
      alt: "A radiologist looking at scan images on two screens in a {place} hospital",
      n: [3000, 12000, 500],
      m: [15, 40, 1],
      tags: ["health"],
      roles: ["a consultant radiologist leading the trial in {place}", "a researcher who evaluates medical software"],
      quotes: [
        "The promise is real, but so is the risk of trusting a tool before it has been properly tested",
        "If it helps one patient with a serious condition be seen a day sooner, that matters",
      ],
    },
    {
      titles: [
        "{place} switches on free public wifi across {n} streets and squares",
        "Free wifi arrives in {n} public spaces across {place}",
      ],
      excerpt:
        "The city's new public wifi network covers {n} streets, squares and parks. Privacy campaigners want clearer rules on what data is collected.",
      lede: "{place} has switched on free public wifi in {n} streets, squares and parks, completing the first phase of a network the council says will help visitors, market traders and residents who struggle to afford mobile data.",
      detail:
        "Users do not need to register, but the network logs device identifiers and connection times, which the council says are deleted after {m} days. Privacy campaigners said that was longer than necessary and asked the city to publish a full assessment of how the data is used. The council said it would do so and that no information is sold to third parties.",
      closer:
        "A second phase, extending the network to libraries, community centres and the main bus interchanges, is planned for next year, subject to funding.",
      alt: "People using phones on benches in a public square in {place}",
      n: [40, 260, 5],
      m: [14, 90, 1],
    },
    {
      titles: [
        "Opinion: {place} should stop buying software it cannot leave",
        "Opinion: public money in {place} should pay for public code",
      ],
      excerpt:
        "The city spends millions a year on software licences and has little to show for it when contracts end. Open standards and shared code would give it choices.",
      lede: "When {place} City Council renews its major software contracts, it rarely does so because the products are excellent. It does so because leaving would be too expensive, too risky and too slow. That is not a market; it is a trap, and the city walked into it one contract at a time.",
      detail:
        "There is an alternative. Cities across Europe have started to insist on open standards, on owning the data they put into systems, and in some cases on publishing the code they pay for so that other public bodies can reuse it. None of this is exotic. It simply requires procurement teams to think about how a system will be replaced on the day they buy it.",
      closer:
        "{place} will sign several large contracts in the next few years. Each is a chance to buy differently. The question is whether anyone at the top of the council is paying attention before the paperwork is signed.",
      alt: "Rows of servers in a data centre",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Public bodies across Europe have become frequent targets for cyber criminals, who see councils, hospitals and schools as organisations that hold valuable data and cannot afford long outages. National security agencies have repeatedly urged them to invest in backups, staff training and basic security measures.",
    "The technology sector in {place} has grown steadily over the past decade, helped by the local university, relatively low office costs and a well-regarded developer community that meets regularly for talks and workshops.",
    "European rules on data protection give residents the right to know what information is held about them and to ask for it to be corrected or deleted. Regulators have become more willing to issue fines, although most cases end with warnings and orders to improve.",
    "Experts say the most common weaknesses are not exotic. Unpatched software, reused passwords and phishing emails that persuade staff to click a link account for a large share of successful attacks on organisations of every size.",
    "European rules on artificial intelligence classify many systems used in public services as high risk, requiring developers to document how they were trained and tested and to keep humans in control of important decisions.",
    "Councils across Europe spend large sums on software each year, often on long contracts with a small number of suppliers. Auditors have repeatedly found that many struggle to say what they are getting for the money.",
    "Digital inclusion remains a concern. Council surveys suggest that a significant minority of residents in {place}, many of them older or on low incomes, do not use the internet regularly or lack the confidence to manage services online.",
    "Digital rights campaigners said the case showed why technology decisions should be discussed in public rather than left to specialists. They have called for plain-language summaries of major contracts and an annual report on the city's digital services.",
    "Procurement rules require public bodies to seek competitive bids for large contracts, but critics say that in practice a small number of suppliers dominate, and that switching from one to another is so difficult that contracts are often renewed without real competition.",
    "Engineers interviewed for this article said the underlying technology was not new. What has changed, they said, is the cost of computing and storage, which has fallen far enough for smaller organisations to run tools that were once available only to the largest companies.",
  ],
  subheadings: ["How it works", "The bigger picture", "Questions remain", "Who pays", "What comes next"],
  quotes: [
    "Technology should make services easier to use, not give people another reason to give up",
    "The attackers only need to be lucky once; the people defending the systems have to be lucky every day",
    "If you cannot explain what a system does to the people it affects, you should not be using it",
    "Residents should not have to choose between using a public service and protecting their privacy",
    "Good security is mostly boring work done consistently",
  ],
  roles: [
    "the council's chief digital officer",
    "a cyber security researcher at the University of {place}",
    "a spokesperson for the digital rights group {org}",
    "a software engineer who organises the {place} developer meetup",
  ],
  orgs: ["Open Rights {place}", "the Digital Commons Alliance", "Privacy First"],
  sources: [
    { url: "https://www.enisa.europa.eu/", title: "EU Agency for Cybersecurity (ENISA)" },
    { url: "https://www.ncsc.gov.uk/", title: "National Cyber Security Centre" },
    { url: "https://digital-strategy.ec.europa.eu/en", title: "EU digital strategy" },
  ],
};
