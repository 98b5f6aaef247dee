import type { TopicGroup } from "./types";

export const education: TopicGroup = {
  tag: "education",
  authors: ["hannah-cole", "hannah-cole", "aoife-brennan"],
  stories: [
    {
      titles: [
        "Survey finds {n} schools in {place} need urgent building repairs",
        "Leaking roofs and failing boilers: {n} {place} schools need urgent work",
      ],
      excerpt:
        "A survey of school buildings in {place} found {n} in need of urgent repairs to roofs, heating or windows. The council says the bill far exceeds its budget.",
      lede: "A survey of school buildings in {place} has found that {n} schools need urgent repairs to roofs, heating systems, windows or electrics, according to a report presented to councillors this week. The estimated cost of the work is about {cur}{m} million, several times the council's annual maintenance budget.",
      detail:
        "Many of the buildings date from the 1960s and 1970s and were designed to last a few decades. Head teachers describe buckets catching water in corridors, classrooms too cold to use on winter mornings and too hot in summer, and temporary classrooms that have been in place for more than twenty years.",
      closer:
        "The council will prioritise repairs where there is a risk to safety and has asked the government for additional funding. Parents at affected schools will receive letters explaining the work planned.",
      alt: "A bucket catching drips from a ceiling in a school corridor in {place}",
      n: [12, 58, 1],
      m: [20, 140, 5],
    },
    {
      titles: [
        "{place} extends free school meals to {n},000 more pupils",
        "Free lunches for {n},000 more children in {place} from next term",
      ],
      excerpt:
        "About {n},000 more pupils in {place} will be able to get a free school lunch from next term. Head teachers say hungry children cannot concentrate.",
      lede: "About {n},000 more pupils in {place} will be entitled to free school meals from next term after the council agreed to extend the scheme to all primary school children, regardless of their parents' income.",
      detail:
        "The council says the change will cost about {cur}{m} million a year, paid for partly from a public health grant. Schools had reported growing numbers of children arriving hungry, and teachers said many families who just missed out on the previous scheme were struggling with the cost of packed lunches.",
      closer:
        "Schools will contact parents before the start of term. Families who already receive free meals do not need to do anything.",
      alt: "Children eating lunch together in a primary school canteen in {place}",
      n: [4, 21, 1],
      m: [3, 18, 1],
      tags: ["health"],
    },
    {
      titles: [
        "Apprenticeship starts in {place} rise {n} per cent in a year",
        "More young people in {place} choose apprenticeships, up {n} per cent",
      ],
      excerpt:
        "The number of people starting apprenticeships in {place} rose by {n} per cent last year. Engineering, health and digital roles were the most popular.",
      lede: "The number of people starting apprenticeships in {place} rose by {n} per cent last year, according to figures published by the city's colleges and employers' partnership. Engineering, health care and digital roles accounted for most of the increase.",
      detail:
        "Apprentices combine paid work with study, usually spending one day a week at college or in training. About {m} employers in the city took on at least one apprentice last year, many of them for the first time. Colleges say demand from school leavers now exceeds the number of places on some courses.",
      closer:
        "An apprenticeship fair for school leavers and adults looking to change career will be held at the city's main college next month.",
      alt: "An apprentice working on an engine in a college workshop in {place}",
      n: [6, 24, 1],
      m: [300, 1400, 20],
      tags: ["business"],
    },
    {
      titles: [
        "{place} schools start the year with {n} teaching posts unfilled",
        "Teacher shortage leaves {n} vacancies in {place} classrooms",
      ],
      excerpt:
        "Schools in {place} began the year with {n} teaching vacancies. Maths, physics and computing are the hardest subjects to recruit for.",
      lede: "Schools in {place} began the academic year with {n} teaching posts unfilled, according to figures gathered by head teachers' associations, with the shortages most severe in maths, physics, computing and languages.",
      detail:
        "Schools have covered the gaps with supply teachers, non-specialists and larger classes. Head teachers say recruitment has become harder as fewer graduates enter teacher training and experienced staff leave for other careers, often citing workload. About {m} per cent of teachers who qualified five years ago in the region are no longer teaching.",
      closer:
        "The council and local universities are launching a campaign to encourage graduates and career changers to train as teachers in the city, with bursaries for shortage subjects.",
      alt: "An empty classroom with chairs on desks in {place}",
      n: [40, 190, 5],
      m: [18, 35, 1],
    },
    {
      titles: [
        "Opinion: {place}'s schools are being asked to fix everything",
        "Opinion: teachers in {place} cannot be social workers, nurses and caterers too",
      ],
      excerpt:
        "Schools now feed children, spot illness, support families and chase housing problems. That is a sign of failures elsewhere, not a plan.",
      lede: "Ask a head teacher in {place} what has changed in the past decade and you will rarely hear about the curriculum. You will hear about children arriving hungry, families who cannot get a doctor's appointment, pupils waiting a year for mental health support, and staff who have become, in effect, the city's front door to every public service.",
      detail:
        "Schools have responded with extraordinary generosity. They run breakfast clubs and uniform swaps, wash clothes, chase housing officers and sit with parents filling in forms. But every hour spent on those things is an hour not spent teaching, and the pressure is one reason so many good teachers are leaving.",
      closer:
        "If we want schools to be places of learning, we need the other services around them to be there when children need them. Otherwise we will keep asking teachers to do everything, and keep losing them.",
      alt: "A primary school playground in {place} at the start of the day",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "There are more than a hundred schools in {place}, from small village primaries on the edge of the city to large secondary academies. Most are rated good or better by inspectors, but results vary widely between neighbourhoods, and the gap between disadvantaged pupils and their classmates has widened since the pandemic.",
    "School budgets have risen in cash terms, but head teachers say higher costs for staff, energy and special educational needs support have left them with less to spend on everything else. Several schools in the city have reduced the number of subjects they offer at advanced level.",
    "The number of children in {place} with special educational needs has grown significantly, and so have waiting times for assessments. Parents describe long battles to secure support, and the council's budget for specialist provision is under severe pressure.",
    "{body} said the figures confirmed what its members had been reporting for some time. It has called for a long-term funding settlement so that schools can plan beyond the next twelve months.",
    "Parents interviewed at the school gates had mixed views. Most praised their children's teachers, but several said they worried about class sizes, the state of buildings and how long it took to get help when a child was struggling.",
    "Education researchers point out that what happens outside school, including housing, family income and health, has as much influence on children's outcomes as what happens in the classroom. Schools, they say, cannot close the gap on their own.",
    "The city's colleges and universities have expanded their links with local schools, offering taster days, mentoring and summer schools aimed at pupils whose parents did not go to university.",
    "Falling birth rates mean that the number of primary school pupils in parts of {place} is starting to decline, and some schools have spare places. Officials say that could lead to difficult decisions about merging or closing smaller schools in the years ahead.",
    "Pupils themselves are increasingly being asked for their views. Several schools in the city have set up student councils that meet regularly with governors, and the council runs an annual survey of young people's wellbeing.",
    "Attendance has become a priority for schools across the country. Persistent absence, where a pupil misses one day in ten or more, has risen sharply since the pandemic, and schools in {place} have employed staff specifically to work with families on the problem.",
  ],
  subheadings: ["In the classroom", "What parents say", "The funding gap", "A wider problem", "What happens next"],
  quotes: [
    "Every child deserves a warm, safe classroom and a teacher who knows their subject, and that should not be too much to ask",
    "Teachers go into this job because they care about children, and that is exactly what is being exploited",
    "We can see the difference it makes within weeks, and the children can too",
    "You cannot learn well if you are hungry, cold or worried about what is happening at home",
    "The young people in this city are ambitious, and we owe it to them to match that ambition",
  ],
  roles: [
    "head teacher of a primary school in {place}",
    "a spokesperson for {body}",
    "the council's cabinet member for children and education",
    "a parent of two children at schools in the city",
    "an education researcher at the University of {place}",
  ],
  orgs: ["the {place} Head Teachers' Association", "the Teachers' Alliance", "the {place} Parents' Forum"],
  sources: [
    { url: "https://www.oecd.org/en/topics/education.html", title: "OECD: education" },
    { url: "https://education.ec.europa.eu/", title: "European Education Area" },
    { url: "https://www.gov.uk/government/organisations/ofsted", title: "Ofsted" },
  ],
};
