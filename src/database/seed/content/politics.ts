import type { TopicGroup } from "./types";

export const politics: TopicGroup = {
  tag: "politics",
  authors: ["maria-lindqvist", "maria-lindqvist", "pieter-de-vries"],
  stories: [
    {
      titles: [
        "{place} council passes {cur}{n} million budget after late-night vote",
        "{place} agrees {cur}{n} million budget as opposition cries foul",
      ],
      excerpt:
        "Councillors in {place} approved a {cur}{n} million spending plan by a narrow margin after a debate that ran past midnight. Libraries were spared; the parks budget was not.",
      lede: "{place} City Council has approved a {cur}{n} million budget for the coming year after a debate that ran well past midnight and ended with a majority of just three votes. The ruling group said the plan protects frontline services; the opposition called it a collection of postponed problems.",
      detail:
        "The budget raises spending on adult social care by {m} per cent, keeps every branch library open and freezes most bus subsidies at last year's level. To pay for it, the council will draw on its reserves for a second year running and trim the parks maintenance budget, a decision that drew a crowd of protesters to the steps of the town hall before the meeting began.",
      closer:
        "The budget takes effect at the start of the financial year. Opposition groups have said they will table amendments on parks funding at the next full council meeting, and unions representing parks staff are consulting their members.",
      list: {
        intro: "The main points of the budget are:",
        items: [
          "a freeze on most fees and charges for the coming year",
          "extra money for adult social care and children's services",
          "a review of council-owned buildings, some of which will be sold",
          "a promise to publish quarterly updates on spending",
        ],
      },
      alt: "Councillors seated in the debating chamber of {place} town hall",
      n: [180, 960, 10],
      m: [3, 9, 1],
    },
    {
      titles: [
        "{place} citizens' assembly backs {n} recommendations for the city",
        "Randomly chosen residents hand {place} council {n} proposals",
      ],
      excerpt:
        "After six weekends of hearings, a citizens' assembly of randomly selected residents has delivered its report. The council has promised a formal response within three months.",
      lede: "A citizens' assembly of randomly selected {place} residents has handed the city council {n} recommendations after six weekends of evidence sessions, small-group discussions and votes. The assembly was set up to advise on how the city should spend the money it expects to receive over the next decade.",
      detail:
        "Members were paid for their time and chosen by lottery to reflect the city's population by age, income, neighbourhood and background. Of the {n} recommendations, {m} won the support of more than three quarters of the assembly, including proposals on youth services, safer streets at night and a standing panel to review the council's biggest contracts.",
      closer:
        "The council has promised a formal response to each recommendation within three months, saying which it will adopt, which it will study further and which it rejects. Assembly members will be invited back to hear it in person.",
      alt: "Residents seated around tables during a citizens' assembly session in {place}",
      n: [14, 38, 1],
      m: [5, 12, 1],
    },
    {
      titles: [
        "Turnout falls to {n} per cent in {place} mayoral by-election",
        "{place} elects new mayor on turnout of just {n} per cent",
      ],
      excerpt:
        "The new mayor of {place} won comfortably, but fewer than half of registered voters took part. Both main parties say they will study why.",
      lede: "{place} has a new mayor after a by-election in which only {n} per cent of registered voters cast a ballot, the lowest turnout for a mayoral contest in the city since the post was created. The winning candidate took just over half of the votes on the first count.",
      detail:
        "The by-election was called after the previous mayor stepped down for health reasons midway through the term. Campaigning was short and low-key, and several candidates complained that a crowded news agenda left little room for local issues. Postal votes made up about {m} per cent of the total, higher than at the last full election.",
      closer:
        "The new mayor will be sworn in next week and is expected to set out priorities for the rest of the term in a speech to the council before the summer recess.",
      alt: "Ballot boxes being emptied onto a counting table in {place}",
      n: [21, 39, 1],
      m: [28, 46, 1],
    },
    {
      titles: [
        "{place} lobbying register lists {n} meetings in its first six months",
        "First look at {place}'s lobbying register: {n} meetings and counting",
      ],
      excerpt:
        "A new public register of meetings between councillors and outside interests shows property developers at the top of the list. Campaigners want it to go further.",
      lede: "{place}'s new register of meetings between councillors, senior officers and outside interests recorded {n} meetings in its first six months, according to figures published this week. Property developers and their consultants accounted for the largest share, followed by business groups and charities.",
      detail:
        "The register was introduced after a row over a planning decision last year, when it emerged that a developer had met members of the planning committee several times before the vote. Entries list the date, the people present and a one-line summary of the subject. About {m} per cent of the entries were filed later than the 28 days the rules allow.",
      closer:
        "A review of the register is due in a year, when councillors will decide whether to extend it to meetings held by officers below director level.",
      list: {
        intro: "Campaigners have set out what they would like to see next:",
        items: [
          "entries published within a week rather than a month",
          "the same rules for every senior officer, not only directors",
          "a searchable archive that can be downloaded as open data",
        ],
      },
      alt: "The entrance to {place} City Council's civic offices",
      n: [140, 620, 1],
      m: [8, 27, 1],
    },
    {
      titles: [
        "Opinion: {place} cannot keep balancing its books by closing what people love",
        "Opinion: local democracy in {place} needs more than a consultation form",
      ],
      excerpt:
        "Every year the same services are put on the table and every year residents are asked to choose between them. There is a better way to run a city.",
      lede: "Every spring in {place} the ritual repeats itself. A budget gap is announced, a list of possible cuts is published, residents fill in an online form ranking the things they care about, and a few weeks later the council explains that it has listened carefully and will be closing some of them anyway.",
      detail:
        "It is not that councillors are careless. Most of the ones I have met work long hours for modest allowances and genuinely agonise over these choices. The problem is a system that gives a city of this size responsibility for almost everything and control over almost none of the money, and then asks residents to referee the consequences.",
      closer:
        "None of this requires a revolution. It requires a council willing to say plainly what it can and cannot do, and a government willing to let cities raise and keep more of their own money. Until then the spring ritual will continue, and fewer people will bother to fill in the form.",
      alt: "Residents queueing outside a public meeting in {place}",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Local government finances have been under strain for more than a decade. Demand for social care and support for children with additional needs has grown faster than the grants and local taxes that pay for them, leaving less for the services residents see every day, from bin collections to street lighting.",
    "Opposition councillors accused the ruling group of making decisions behind closed doors and presenting them as settled. The leader of the council rejected that, pointing to a series of public meetings held across the city's wards over the autumn and an online consultation that drew several thousand responses.",
    "Turnout and trust have become a recurring theme in {place}'s politics. Surveys by the council suggest that most residents know who their mayor is but far fewer can name a ward councillor, and many are unsure which services the city runs and which are the responsibility of other bodies.",
    "Council meetings in {place} are streamed online and archived, but viewing figures are modest. Officials say most people who follow local politics do so through neighbourhood social media groups, local radio and, increasingly, short clips posted by councillors themselves.",
    "Political scientists say the pattern is familiar across European cities of a similar size: rising expectations, tight budgets and a shrinking pool of people willing to stand for election. In some wards the last election was uncontested, with a single candidate returned without a vote.",
    "Community groups in {place} have become increasingly organised in recent years, running their own surveys, attending committee meetings and publishing summaries of council papers in plain language. Officials acknowledge that the scrutiny has made the council more careful about how it explains its decisions.",
    "The council's finance director has warned in successive reports that reserves cannot be used to fill gaps indefinitely. Without a change in national funding, the most recent report said, the city will face harder choices within two to three years.",
    "National politicians have been quick to draw their own lessons from {place}. Government ministers describe it as proof that their approach to devolution is working; opposition figures say it shows how little power cities really have over their own affairs.",
    "Residents interviewed in the city centre gave mixed reactions. Some said they had not been aware of the decision at all; others said they followed council politics closely and felt that their views had been taken into account, at least on the issues they cared most about.",
    "{org} said the episode showed the value of publishing information early and in a form people can use. Its researchers have compared practice across dozens of councils and found that those publishing more data tend to face fewer formal complaints.",
    "Under the city's constitution, major decisions must be published in advance and can be called in for review by a scrutiny committee made up of councillors from all parties. The procedure is used only a handful of times each year, usually on planning and contracts.",
  ],
  subheadings: [
    "What happens next",
    "Trust and turnout",
    "The money question",
    "How residents reacted",
    "The wider picture",
  ],
  quotes: [
    "Nobody came into local politics to close things, but pretending the money is there when it is not would be worse",
    "People are not apathetic, they are busy, and they want to see that taking part actually changes something",
    "This is a better outcome than we feared, but it is not a good one, and we should be honest about that",
    "The test is not whether we held a consultation but whether anyone can point to what it changed",
    "If you want people to trust the council, you have to let them see how decisions are made",
    "We will hold the administration to every promise it made tonight",
  ],
  roles: [
    "leader of the opposition group on {place} City Council",
    "the council's cabinet member for finance",
    "a senior researcher at {org}",
    "a political scientist who studies local government",
    "a community organiser in {place}",
  ],
  orgs: [
    "the Centre for Local Democracy",
    "Open Council Watch",
    "the Civic Futures Institute",
    "the Municipal Finance Forum",
  ],
  sources: [
    { url: "https://www.europarl.europa.eu/news/en", title: "European Parliament news" },
    { url: "https://www.local.gov.uk/", title: "Local Government Association" },
    { url: "https://www.electoralcommission.org.uk/", title: "The Electoral Commission" },
  ],
};
