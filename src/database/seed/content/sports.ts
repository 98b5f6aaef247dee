import type { TopicGroup } from "./types";

/** Fictional clubs (no real club is meant). */
const clubs = ["{place} Wanderers", "{place} Phoenix", "{place} Corinthian", "{place} Harriers"];

export const sports: TopicGroup = {
  tag: "sports",
  authors: ["tom-hallam"],
  stories: [
    {
      titles: [
        "{org} unveils plans to expand stadium to {n} seats",
        "{org} wants a {n}-seat stadium. Its neighbours have questions",
      ],
      excerpt:
        "{org} has published plans to rebuild two stands and raise its capacity to {n}. Residents near the ground are worried about parking and match-day crowds.",
      lede: "{org} has unveiled plans to rebuild two stands at its ground and increase capacity to {n} seats, saying the club has outgrown a stadium where home matches have sold out for three seasons running.",
      detail:
        "The club says the work would cost about {cur}{m} million and be carried out in stages so that matches can continue during construction. The plans include a new family stand, improved facilities for disabled supporters and a community hub that would be open on non-match days. Residents' groups near the ground have raised concerns about parking, litter and noise.",
      closer:
        "The club will hold public exhibitions of the plans over the next month before submitting a planning application. If approved, work could start at the end of next season.",
      alt: "An aerial view of a football stadium surrounded by terraced streets in {place}",
      n: [18000, 42000, 500],
      m: [30, 120, 5],
      orgs: clubs,
    },
    {
      titles: [
        "Record crowd of {n} watches {org} women's team",
        "{org} women draw record {n} fans to the main stadium",
      ],
      excerpt:
        "A crowd of {n} turned out to watch the {org} women's team, the largest ever for a women's match in {place}. The club says it will play more games at its main ground.",
      lede: "A record crowd of {n} watched the {org} women's team play at the club's main stadium, the largest attendance for a women's match in {place}'s history. The game was the first of several the club has moved from its smaller training ground.",
      detail:
        "Tickets were priced at a fraction of those for the men's team, and about {m} per cent were bought by people who had not previously bought a ticket from the club, according to its own figures. Many were families and groups of girls from local youth teams, several of whom formed a guard of honour before kick-off.",
      closer:
        "The club said it would stage at least four more of the team's home matches at the main stadium this season and would review the arrangement in the summer.",
      alt: "Fans with scarves cheering in the stands at a women's football match in {place}",
      n: [6000, 24000, 100],
      m: [35, 60, 1],
      orgs: clubs,
    },
    {
      titles: [
        "{n} runners take on the {place} marathon in warm conditions",
        "{place} marathon: {n} runners, one course record and a lot of sunscreen",
      ],
      excerpt:
        "About {n} runners completed the {place} marathon. Organisers added extra water stations after a warm forecast, and the men's course record fell.",
      lede: "About {n} runners took part in the {place} marathon, one of the largest fields in the event's history. Organisers added extra water stations and shaded rest points along the route after a forecast of unusually warm weather.",
      detail:
        "The men's course record was broken by more than a minute, and the women's winner finished within seconds of the record set last year. Most of the field, though, were running for themselves or for charity, and the organisers estimate that participants raised about {cur}{m} million for good causes. Medical teams treated a number of runners for heat exhaustion, none seriously.",
      closer:
        "Entries for next year's race open next month. The organisers will review the timing of the event, which some runners have suggested should move earlier in the spring.",
      alt: "Runners crossing a bridge during the {place} marathon",
      n: [4000, 18000, 100],
      m: [1, 6, 1],
    },
    {
      titles: [
        "{n} community pitches in {place} to be refurbished",
        "Grassroots boost as {place} refurbishes {n} worn-out pitches",
      ],
      excerpt:
        "The council and sports bodies will spend {cur}{m} million upgrading {n} community pitches in {place}. Clubs say many are unplayable for months each winter.",
      lede: "{n} community sports pitches across {place} are to be refurbished over the next two years, in a {cur}{m} million programme funded by the council, national sports bodies and a charitable trust. Local clubs say many of the pitches are waterlogged and unplayable for much of the winter.",
      detail:
        "The programme includes new drainage for grass pitches, several all-weather surfaces that can be used in the evenings and upgraded changing rooms with separate facilities for women and girls. Sites were chosen after a survey of clubs, schools and community groups, with priority given to neighbourhoods with the least access to good facilities.",
      closer:
        "Work on the first sites will begin in the summer, when pitches are least used. Clubs affected will be offered alternative venues during construction.",
      alt: "Children playing football on a community pitch in {place}",
      n: [12, 60, 1],
      m: [2, 14, 1],
      tags: ["local"],
    },
    {
      titles: ["Supporters' trust takes control of {org}", "Fans buy {org} as owner sells to supporters' trust"],
      excerpt:
        "{org} is now owned by its supporters after the trust raised enough money to buy out the club's owner. More than {n} fans bought shares.",
      lede: "{org} is now owned by its fans after the supporters' trust completed a deal to buy a controlling stake from the club's long-time owner. More than {n} supporters bought shares, some paying in monthly instalments.",
      detail:
        "The trust raised about {cur}{m} million from members, local businesses and a community share offer. The former owner, who had put the club up for sale two years ago, agreed to accept the trust's offer over higher bids from outside investors, saying he wanted the club to remain rooted in the city. The trust says it will prioritise the stadium, the academy and stable finances over short-term spending on players.",
      closer:
        "The trust will hold its first general meeting as owner next month, when members will elect a new board and vote on the club's priorities for the coming season.",
      alt: "Supporters holding a banner outside a football ground in {place}",
      n: [2500, 9500, 100],
      m: [2, 9, 1],
      orgs: clubs,
    },
  ],
  paragraphs: [
    "Sport plays a large part in the life of {place}. Surveys by the council suggest that about a third of adults in the city take part in some form of physical activity at least once a week, from five-a-side football and running clubs to swimming and dance classes.",
    "Attendances at matches in the city have risen steadily since the pandemic, with clubs reporting more families, more women and more first-time visitors. Ticket prices remain a concern, and supporters' groups have campaigned for cheaper seats for young people.",
    "Grassroots clubs depend heavily on volunteers, who coach, drive players to matches, wash kits and raise money. Many say they struggle to find enough helpers and that rising costs for pitch hire and equipment are putting pressure on subscriptions.",
    "{body} said the news was good for the city but urged decision-makers to remember the needs of everyday players as well as elite sport. It has called for more affordable facilities in the neighbourhoods with the least access.",
    "The growth of women's sport has been one of the most significant changes of the past decade. Participation among girls and women has risen sharply, although clubs say facilities, coaching and changing rooms have not always kept pace.",
    "Local businesses say major sporting events bring a welcome boost to hotels, restaurants and bars, particularly outside the main tourist season. The council estimates that big events attract tens of thousands of visitors to the city each year.",
    "Residents living near sports grounds have long had a complicated relationship with their neighbours. Many are fans themselves, but complain of parked cars blocking driveways, litter and noise late into the evening on match days.",
    "Clubs at every level have been under financial pressure in recent years, with rising wages, energy bills and maintenance costs. Several clubs in the region have faced serious financial difficulties, prompting calls for stronger regulation and closer scrutiny of owners.",
    "Sports scientists say that regular physical activity brings benefits far beyond fitness, including better mental health, stronger social connections and, for young people, improved concentration at school.",
    "Community schemes run by professional clubs have become an important part of their identity, offering coaching sessions in schools, walking football for older people and programmes for young people at risk of getting into trouble.",
  ],
  subheadings: [
    "On and off the pitch",
    "What the fans say",
    "The numbers behind it",
    "A community affair",
    "What comes next",
  ],
  quotes: [
    "Sport is one of the few things that brings the whole city together, and we should never take that for granted",
    "The atmosphere was incredible, and you could see what it meant to the young players in the crowd",
    "Grassroots sport is where everything starts, and it has been running on goodwill for too long",
    "We want people to feel that this belongs to them, because it does",
    "Days like this are why so many people give up their weekends to volunteer",
  ],
  roles: [
    "chair of {body}",
    "a volunteer coach at a youth club in {place}",
    "a season ticket holder for more than thirty years",
    "the council's cabinet member for leisure and sport",
  ],
  orgs: ["Active {place}", "the {place} Sports Council", "the Football Supporters' Network"],
  sources: [
    { url: "https://www.uefa.com/", title: "UEFA" },
    { url: "https://www.sportengland.org/", title: "Sport England" },
    { url: "https://sport.ec.europa.eu/", title: "European Commission: sport" },
  ],
};
