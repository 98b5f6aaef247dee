import type { TopicGroup } from "./types";

export const business: TopicGroup = {
  tag: "business",
  authors: ["daniel-okafor", "daniel-okafor", "lukas-weber"],
  stories: [
    {
      titles: [
        "{org} to create {n} jobs at new {place} distribution centre",
        "{n} jobs promised as {org} picks {place} for distribution hub",
      ],
      excerpt:
        "{org} will open a distribution centre on the edge of {place}, creating about {n} jobs. Local leaders welcomed the news but want assurances about pay and traffic.",
      lede: "{org} is to open a large distribution centre on the edge of {place}, creating about {n} permanent jobs once it is fully running. The company said the site would serve shops and customers across the region and should open within eighteen months.",
      detail:
        "The warehouse will cover an area the size of several football pitches on former industrial land close to the ring road. The company said it expects to invest about {cur}{m} million in the building, equipment and training, and that most roles would be filled locally. Planning permission was granted last year after changes to the proposed access roads.",
      closer:
        "Recruitment for the first roles is expected to begin next spring. The council said it would work with the company and local colleges on training courses for residents who are out of work.",
      alt: "A large new warehouse building under construction on the outskirts of {place}",
      n: [180, 950, 10],
      m: [25, 140, 5],
      orgs: ["Harbourline Logistics", "Meridian Parcels", "Greystone Distribution", "Atlas Freight"],
    },
    {
      titles: [
        "Empty shops in {place} city centre fall to {n} per cent",
        "{place} high street recovers as vacancy rate drops to {n} per cent",
      ],
      excerpt:
        "Fewer shop units stand empty in {place} than at any time in five years. Cafés, gyms and clinics are filling spaces that clothing chains left behind.",
      lede: "The share of empty shop units in {place} city centre has fallen to {n} per cent, the lowest level in five years, according to a survey by the local business improvement district. The figure is well below the national average.",
      detail:
        "The recovery has not brought back the clothing chains that once dominated the main streets. Instead, vacant units have been taken by cafés, independent shops, gyms, dental and physiotherapy clinics and, in a few cases, by the council itself for libraries and advice services. Footfall on Saturdays is now about {m} per cent of its level before the pandemic.",
      closer:
        "The business improvement district will publish its next survey in six months. The council is consulting on plans to convert some upper floors above shops into flats.",
      alt: "Shoppers walking past independent shops on a pedestrian street in {place}",
      n: [7, 16, 1],
      m: [82, 97, 1],
      tags: ["local"],
    },
    {
      titles: [
        "{n} firms in {place} sign up for four-day week trial",
        "Four-day week trial begins at {n} {place} workplaces",
      ],
      excerpt:
        "Staff at {n} organisations in {place} will work four days for the same pay during a six-month trial. Researchers will measure productivity, wellbeing and staff turnover.",
      lede: "Staff at {n} companies and charities in {place} have begun a six-month trial of a four-day working week with no loss of pay. The employers range from a software developer and an accountancy practice to a nursery and a bakery.",
      detail:
        "About {m} employees are taking part. Researchers from the local university will survey staff before, during and after the trial and track measures such as sick days, staff turnover and, where possible, output. Employers can choose how to organise the reduced week, and some will stagger days off so that they remain open five days a week.",
      closer:
        "The researchers expect to publish their findings early next year. Participating employers will then decide whether to keep the four-day week, adapt it or return to their previous hours.",
      alt: "Office workers leaving a building at the end of the day in {place}",
      n: [14, 64, 1],
      m: [600, 2400, 50],
    },
    {
      titles: [
        "{place} brewery {org} passes to its staff in employee ownership deal",
        "Staff take over {place}'s {org} as founders sell to employee trust",
      ],
      excerpt:
        "The founders of {org} have sold a controlling stake to a trust that holds it on behalf of the brewery's employees. They say it was the best way to keep the business in {place}.",
      lede: "The founders of {org}, one of {place}'s best-known independent breweries, have sold a controlling stake to an employee ownership trust. The brewery's {n} staff will now share in its profits and have a say in how it is run.",
      detail:
        "The founders, who started the business in a railway arch more than a decade ago, said they had received offers from larger drinks companies but wanted to keep the brewery independent and rooted in the city. The trust will pay for the shares over several years out of the company's profits, a common structure in employee ownership deals.",
      closer:
        "The brewery will elect staff representatives to the trust's board later this year. Its beers will continue to be sold under the same name in pubs and shops across the region.",
      alt: "Stainless steel brewing tanks in an independent brewery in {place}",
      n: [18, 75, 1],
      orgs: ["Two Rivers Brewing", "Old Quay Brewery", "Lantern Brewing Co", "Ironbridge Ales"],
      roles: ["a co-founder of {org}", "the head brewer at {org}"],
      quotes: [
        "We had offers, but selling to the people who make the beer felt like the only decision we could live with",
        "Nothing changes on the brewhouse floor tomorrow, but everyone here now has a stake in getting it right",
        "We wanted the brewery to still be in {place} in twenty years' time",
      ],
    },
    {
      titles: [
        "Opinion: {place} should stop chasing headquarters and back its small firms",
        "Opinion: the next {place} success story is already trading on a side street",
      ],
      excerpt:
        "Cities love a ribbon-cutting with a big employer. The businesses that actually sustain {place} get far less attention and far less help.",
      lede: "Every few years {place} celebrates the arrival of a large employer with a press conference, a hard hat and a promise of hundreds of jobs. Less often does anyone return a decade later to ask how many of those jobs still exist, or what the incentives that attracted them actually cost.",
      detail:
        "Meanwhile, most people in the city work for businesses with fewer than fifty employees: the engineering firms on the industrial estates, the builders, the accountants, the cafés and the care agencies. They do not need grand gestures. They need faster payment from public bodies, affordable premises, help with training and a planning system that answers in weeks rather than months.",
      closer:
        "None of this would make for a ribbon-cutting. But if {place} wants a stronger economy in ten years, it would do better to look after the firms it already has than to keep waiting for one that might arrive.",
      alt: "A small workshop with tools and workbenches in {place}",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "The regional economy has grown slowly over the past year. Inflation has eased from its peak, but many households and businesses are still adjusting to higher prices for energy, food and rent, and borrowing costs remain well above the levels of the previous decade.",
    "The labour market in {place} remains relatively tight. Employers in hospitality, care, logistics and construction report difficulties in filling vacancies, while official figures show unemployment in the city close to its lowest level in years, though higher in some neighbourhoods than others.",
    "Small and medium-sized businesses make up the great majority of firms in {place} and employ more than half of its private sector workers. Surveys by business groups suggest confidence has improved slightly, but many firms say they are delaying investment until the outlook is clearer.",
    "{body} said the news reflected the city's strengths: a large, young workforce, good transport links and two universities. It has urged the council to speed up planning decisions and invest in skills so that local people can take advantage of new opportunities.",
    "Economists caution against reading too much into a single set of figures. Changes in the way businesses are counted, seasonal effects and one-off events can all distort the picture, they say, and the underlying trend only becomes clear over several quarters.",
    "Trade unions have generally welcomed the developments but stressed the quality of jobs as well as their number. They want employers to pay at least the voluntary living wage and to offer staff regular, predictable hours.",
    "Commercial rents in {place} have risen less sharply than in larger cities, which has helped attract businesses priced out elsewhere. Agents say demand is strongest for smaller, flexible spaces with good energy ratings.",
    "The council's economic strategy aims to raise average wages in the city closer to the national level over the next decade, with a focus on manufacturing, health, digital services and the creative industries.",
    "Late payment remains a persistent complaint among small firms. Business groups estimate that many are owed significant sums at any one time, often by much larger customers, leaving them short of cash for wages and supplies.",
    "Residents' views of the local economy vary widely by neighbourhood. In the more prosperous suburbs, house prices and incomes have risen steadily; in some inner districts, the benefits of growth have been much harder to see.",
  ],
  subheadings: [
    "What it means for workers",
    "The bigger picture",
    "A changing economy",
    "The view from business",
    "What comes next",
  ],
  quotes: [
    "This is a vote of confidence in {place} and in the people who live here",
    "Businesses here are resilient, but resilience is not the same as having money to invest",
    "Good jobs are not only about the number on the payslip but about hours people can plan their lives around",
    "We have seen announcements before; what matters is what is still here in five years",
    "The city's economy is stronger than its reputation, and it is time the rest of the country noticed",
  ],
  roles: [
    "chief executive of {body}",
    "an economist at the University of {place}",
    "the council's cabinet member for the economy",
    "regional secretary of a trade union representing retail and logistics workers",
  ],
  orgs: ["the {place} Chamber of Commerce", "the Federation of Independent Retailers", "the Regional Business Council"],
  sources: [
    { url: "https://ec.europa.eu/eurostat", title: "Eurostat: European statistics" },
    { url: "https://www.ecb.europa.eu/press/html/index.en.html", title: "European Central Bank press releases" },
    { url: "https://www.ons.gov.uk/economy", title: "Office for National Statistics: economy" },
  ],
};
