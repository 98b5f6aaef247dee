import type { TopicGroup } from "./types";

export const culture: TopicGroup = {
  tag: "culture",
  authors: ["nadia-haddad"],
  stories: [
    {
      titles: [
        "Community buys {place}'s last independent cinema",
        "{n} shareholders save {place}'s oldest cinema from closure",
      ],
      excerpt:
        "More than {n} people bought shares to save {place}'s last independent cinema. The new owners plan a mix of new releases, classics and films for schools.",
      lede: "{place}'s last independent cinema has been saved from closure after more than {n} people bought shares in a community company set up to buy the building. The cinema, which opened in the 1930s, had been put up for sale by its owners last year.",
      detail:
        "The share offer raised about {cur}{m},000, enough to buy the building and begin urgent repairs to the roof and heating. The new board plans a programme of new releases, restored classics, foreign-language films and morning screenings for parents with babies and for people living with dementia. Volunteers have already signed up to run the café and the box office.",
      closer:
        "The cinema will close for six weeks for repairs and reopen with a weekend of free screenings for shareholders and their families.",
      alt: "The art deco frontage of an old cinema in {place} at dusk",
      n: [1200, 5400, 100],
      m: [350, 1900, 50],
      tags: ["local"],
    },
    {
      titles: [
        "{place} summer festival draws {n} visitors to the city's parks",
        "{n} people, four stages, one heatwave: {place} festival reviewed",
      ],
      excerpt:
        "About {n} people attended the {place} summer festival across three days. Organisers say it was the most popular edition yet, and the most accessible.",
      lede: "About {n} people attended the {place} summer festival over three days, making it the best-attended edition since the free event was founded. Performances ranged from orchestras and brass bands to hip-hop, folk and a late-night programme of electronic music.",
      detail:
        "The organisers introduced a quiet area, free ear defenders for children and a viewing platform for disabled visitors, and said about {m} per cent of attendees came from outside the city. Local food traders reported strong sales, although some residents complained about noise and queues for the toilets near the main stage.",
      closer:
        "Dates for next year's festival will be announced in the autumn. The organisers are inviting local groups to apply for slots on the community stage.",
      alt: "A crowd in front of an outdoor stage in a park in {place} on a summer evening",
      n: [18000, 95000, 1000],
      m: [20, 45, 1],
    },
    {
      titles: [
        "{place} central library reopens after {cur}{n} million restoration",
        "Restored {place} library reopens with longer hours and a maker space",
      ],
      excerpt:
        "{place}'s central library has reopened after a {cur}{n} million restoration. It now has a children's floor, a maker space and longer opening hours.",
      lede: "{place}'s central library has reopened after a two-year, {cur}{n} million restoration that repaired its leaking roof, restored its nineteenth-century reading room and added a new children's floor, a maker space with 3D printers and sewing machines, and study areas open until late in the evening.",
      detail:
        "More than {m},000 people visited in the first week. Librarians say the building is as much a community centre as a place to borrow books: it offers free internet access, help with job applications and benefit claims, language classes and a warm place to spend the day for people who need one.",
      closer:
        "The library is now open seven days a week. A programme of talks, workshops and children's events will run throughout the year, most of them free.",
      alt: "The restored reading room of the central library in {place}",
      n: [6, 28, 1],
      m: [8, 24, 1],
      tags: ["local"],
    },
    {
      titles: [
        "{place} museum exhibition on the city's working lives draws {n} visitors",
        "Exhibition of {place}'s working lives draws {n} visitors in its first month",
      ],
      excerpt:
        "An exhibition built from objects and stories donated by residents has attracted {n} visitors in its first month, well ahead of expectations.",
      lede: "An exhibition about the working lives of people in {place}, built largely from objects, photographs and recordings donated by residents, has attracted {n} visitors in its first month, well ahead of the museum's expectations.",
      detail:
        "The exhibition follows the city's workers from mills, docks and factories to call centres, hospitals and delivery vans. Among the most popular exhibits are a collection of union banners, a recreated corner shop and a wall of more than {m} photographs of people at work, each captioned by the person who lent it.",
      closer:
        "The exhibition has been extended by three months. The museum is still collecting memories and objects, and residents can book an appointment to share theirs.",
      alt: "Visitors looking at historic photographs in a museum gallery in {place}",
      n: [9000, 48000, 500],
      m: [200, 800, 20],
    },
    {
      titles: [
        "Arts groups in {place} face {n} per cent cut in council funding",
        "{place} theatres and galleries brace for {n} per cent funding cut",
      ],
      excerpt:
        "The council plans to reduce its grants to arts organisations by {n} per cent. Theatres, galleries and music groups warn that some may not survive.",
      lede: "Arts organisations in {place} face a {n} per cent cut in the grants they receive from the city council under proposals published this week. Theatres, galleries, music groups and community arts projects say some of them may be forced to close or sharply reduce their work.",
      detail:
        "The council says it has protected arts funding for several years but can no longer do so while demand for social care continues to rise. About {m} organisations currently receive regular grants, and for several of the smaller ones council money makes up more than half of their income. Many also run education and health projects funded partly by the same grants.",
      closer:
        "The proposals are out for public consultation until the end of next month. A final decision will be taken as part of the council's budget in the spring.",
      alt: "An empty theatre auditorium with red seats in {place}",
      n: [15, 45, 5],
      m: [25, 70, 1],
      tags: ["politics"],
    },
  ],
  paragraphs: [
    "{place} has a long cultural history, from the music halls and choirs of the nineteenth century to the bands, artists and writers who have emerged from the city in recent decades. Cultural organisations say that history is an asset the city has not always made the most of.",
    "Arts organisations have faced a difficult few years. Audiences have largely returned since the pandemic, but costs for energy, materials and staff have risen sharply, and public funding has not kept pace. Many rely on a patchwork of grants, ticket sales, donations and volunteers.",
    "Research commissioned by the council suggests that culture is worth a significant amount to the local economy each year, through jobs, tourism and spending in nearby shops, bars and restaurants. Advocates say the benefits to wellbeing and community life are harder to measure but just as real.",
    "{body} welcomed the news and said it showed what could be achieved when residents, artists and institutions worked together. It has called on the council to involve cultural groups earlier in decisions that affect them.",
    "Volunteers play a central role in the city's cultural life, running box offices, guiding visitors, cataloguing collections and organising events. Organisers say many are retired, and that attracting younger volunteers is a growing challenge.",
    "Visitors interviewed for this article said they valued having culture on their doorstep. Several said they had come for the first time after hearing about it from friends or seeing posts on social media.",
    "Critics have praised the city's cultural scene for its openness and its willingness to take risks, although some argue that too much attention and money go to the city centre at the expense of outlying neighbourhoods.",
    "Free and low-cost events have become an important way of reaching people who do not usually visit theatres, galleries or concert halls. Organisers say the challenge is turning a first visit into a habit.",
    "Schools in {place} have worked closely with cultural organisations on projects ranging from creative writing to film-making, and teachers say the experience can be transformative for children who struggle in the classroom.",
    "The city has applied several times to host major cultural events, and officials say the bids themselves helped build partnerships that have lasted long after the decisions were made.",
  ],
  subheadings: ["Behind the scenes", "What visitors say", "A question of money", "The city's story", "What comes next"],
  quotes: [
    "Culture is not a luxury for good times; it is what holds a city together in hard ones",
    "People came through the doors who had never been here before, and that is what matters most to us",
    "We are proud of what we have achieved, but we know how fragile it is",
    "Everyone who took part has left a mark on this, and you can feel it",
    "A city that stops investing in its culture starts to forget who it is",
  ],
  roles: [
    "artistic director of {body}",
    "a volunteer who has helped out for more than a decade",
    "the council's cabinet member for culture",
    "a musician who grew up in {place}",
  ],
  orgs: ["the {place} Arts Forum", "the {place} Cultural Trust", "Culture Matters {place}"],
  sources: [
    { url: "https://culture.ec.europa.eu/", title: "European Commission: culture and creativity" },
    { url: "https://www.artscouncil.org.uk/", title: "Arts Council England" },
    { url: "https://www.europeana.eu/en", title: "Europeana: European cultural heritage" },
  ],
};
