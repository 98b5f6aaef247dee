import type { TopicGroup } from "./types";

export const housing: TopicGroup = {
  tag: "housing",
  authors: ["aoife-brennan", "aoife-brennan", "james-whitcombe"],
  stories: [
    {
      titles: [
        "Average rent in {place} rises {n} per cent in a year",
        "{place} renters hit by {n} per cent rise as supply dries up",
      ],
      excerpt:
        "Rents for new tenancies in {place} rose by {n} per cent over the past year, far faster than wages. Letting agents report dozens of applicants for each property.",
      lede: "Average rents for new tenancies in {place} rose by {n} per cent over the past year, according to figures from letting agents and official data, far outpacing the growth in wages. A typical two-bedroom flat now costs close to half of the median take-home pay in the city.",
      detail:
        "Agents report that popular properties receive dozens of enquiries within hours of being advertised, and some prospective tenants are offering more than the asking rent or several months in advance. The number of homes available to rent has fallen as some landlords sell up, citing higher mortgage costs and new regulations. About {m} per cent of households in the city now rent privately.",
      closer:
        "The council is consulting on a licensing scheme for private landlords in several neighbourhoods, which would require them to meet minimum standards for safety and repairs.",
      alt: "A row of terraced houses with letting agents' boards in {place}",
      n: [6, 14, 1],
      m: [22, 38, 1],
    },
    {
      titles: [
        "{place} approves {n} council homes on former bus depot site",
        "{n} new council homes for {place} as depot site is redeveloped",
      ],
      excerpt:
        "Councillors have approved plans for {n} homes for social rent on a disused depot in {place}. It is the largest council-built scheme in the city for a generation.",
      lede: "Councillors in {place} have approved plans for {n} new council homes on the site of a disused bus depot, the largest scheme of its kind built by the city in a generation. All of the homes will be let at social rents, well below market levels.",
      detail:
        "The development will include family houses with gardens, flats for older people designed to be adapted as their needs change, a small park and ground-floor space for a nursery. The homes will be heated by heat pumps and built to high standards of insulation, which the council says will keep energy bills low. About {m},000 households are on the city's housing register.",
      closer:
        "Construction is expected to start early next year, with the first tenants moving in about two years later. Homes will be allocated through the council's housing register.",
      alt: "An architect's model of a new housing development in {place}",
      n: [90, 420, 10],
      m: [6, 24, 1],
      tags: ["local"],
    },
    {
      titles: [
        "{n} families in {place} living in temporary accommodation",
        "Number of {place} families in temporary housing reaches {n}",
      ],
      excerpt:
        "There are now {n} families with children in temporary accommodation in {place}, a record. Some have been placed in hotel rooms miles from their children's schools.",
      lede: "A record {n} families with children are living in temporary accommodation in {place}, according to figures presented to the council's housing committee, an increase of more than a quarter in two years. Some are housed in single hotel rooms or bed and breakfasts, miles from their children's schools.",
      detail:
        "The council spends about {cur}{m} million a year on temporary accommodation, much of it paid to private providers. Officials say the main causes are rising rents and landlords ending tenancies, combined with a shortage of social housing for families to move on to. The average stay in temporary accommodation is now more than a year.",
      closer:
        "The council plans to buy several hundred homes over the next three years to use as temporary accommodation, which it says will be cheaper and better for families than hotels.",
      alt: "A child's bicycle in the corridor of a temporary accommodation block in {place}",
      n: [300, 1800, 10],
      m: [8, 60, 1],
    },
    {
      titles: [
        "{n} older homes in {place} to be insulated in {cur}{m} million scheme",
        "Insulation scheme to cut bills in {n} {place} homes",
      ],
      excerpt:
        "A {cur}{m} million scheme will insulate {n} older homes in {place}, starting with the streets where residents struggle most with energy bills.",
      lede: "About {n} older homes in {place} will be insulated over the next two years under a {cur}{m} million scheme funded by the council and national government. Work will start in neighbourhoods where surveys show the highest rates of fuel poverty.",
      detail:
        "Most of the homes are solid-walled terraced houses built before the First World War, which lose heat quickly and are costly to warm. The work includes external or internal wall insulation, loft insulation, new windows and, in some cases, heat pumps. Residents who own or rent their homes can apply, and landlords are asked to contribute part of the cost.",
      closer:
        "Residents in the first neighbourhoods will receive letters in the coming weeks. An advice line has been set up for people who want to know whether their home is eligible.",
      alt: "Workers fitting external wall insulation to a terraced house in {place}",
      n: [400, 3200, 100],
      m: [6, 40, 1],
      tags: ["energy"],
    },
    {
      titles: [
        "Opinion: {place} does not just need more homes, it needs homes people can afford",
        "Opinion: cranes on the skyline will not fix {place}'s housing crisis on their own",
      ],
      excerpt:
        "New flats are going up across the city. Very few of them are within reach of the nurses, carers and shop workers who keep it running.",
      lede: "Stand anywhere in central {place} and you will see cranes. New apartment blocks are rising on old car parks and warehouses, and the council rightly celebrates the number of homes completed each year. Yet waiting lists grow, rents climb and families are housed in hotel rooms.",
      detail:
        "The problem is not only how many homes we build but which. Much of the new supply is one- and two-bedroom flats for sale or rent at prices that are out of reach for many of the people who work in the city. Developers can often reduce the share of affordable homes they promised by arguing that a scheme would otherwise not be viable.",
      closer:
        "The city should build more homes itself, buy land early, and hold developers to their commitments. Otherwise we will keep building, and the crisis will keep growing.",
      alt: "Construction cranes above new apartment blocks in {place}",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Housing has become one of the most pressing political issues in {place}, as in many European cities. House prices and rents have risen much faster than incomes over the past decade, and the number of homes built each year has fallen short of the council's own targets.",
    "The shortage of social housing lies at the heart of the problem. Thousands of homes were sold or demolished over previous decades and far fewer were built to replace them, leaving long waiting lists and more families dependent on the private rented sector.",
    "{body} said the figures showed the scale of the challenge. It has called for more investment in social housing, stronger protections for renters and a faster planning system for schemes that include genuinely affordable homes.",
    "Landlords' representatives say most landlords provide good homes at fair rents, and warn that higher costs and tighter rules are driving smaller landlords out of the market, reducing the supply of homes to rent.",
    "The quality of homes is also a concern. Council inspections have found damp, mould and unsafe electrics in a significant number of privately rented homes, and tenants' groups say many renters are reluctant to complain for fear of being asked to leave.",
    "Planning officers in {place} have prioritised building on brownfield land, such as former factories, depots and car parks, rather than green fields on the edge of the city. Supporters say this protects the countryside; critics say it is slower and more expensive.",
    "Young adults in the city are staying longer in their parents' homes or sharing flats well into their thirties. Surveys suggest that many would like to buy but cannot save a deposit while paying rent.",
    "Housing associations, which provide many of the city's affordable homes, say they are caught between the need to build more and the need to repair and insulate the homes they already own.",
    "Residents interviewed for this article described the difficulty of finding somewhere to live. Several said they had moved further from work, friends or family, and some said they had considered leaving the city altogether.",
    "Economists say there is no single solution. More homes of every kind are needed, they argue, but so are measures to make sure that the homes that are built match the needs and incomes of the people who will live in them.",
  ],
  subheadings: [
    "The cost of a home",
    "What residents say",
    "A shortage years in the making",
    "Who builds",
    "What happens next",
  ],
  quotes: [
    "A secure, affordable home is the foundation for everything else in people's lives",
    "We are not asking for anything special, just somewhere we can stay long enough to put down roots",
    "The waiting list is not a list of numbers, it is a list of families",
    "We have to build, but we also have to make sure the right homes are built in the right places",
    "Nobody should have to choose between heating their home and feeding their children",
  ],
  roles: [
    "the council's cabinet member for housing",
    "a spokesperson for {body}",
    "a tenant who has moved three times in five years",
    "chief executive of a housing association in {place}",
  ],
  orgs: ["the {place} Renters' Union", "Shelter Watch {place}", "the {place} Housing Forum"],
  sources: [
    {
      url: "https://www.ons.gov.uk/peoplepopulationandcommunity/housing",
      title: "Office for National Statistics: housing",
    },
    { url: "https://ec.europa.eu/eurostat/web/housing", title: "Eurostat: housing" },
    { url: "https://www.housing-europe.eu/", title: "Housing Europe" },
  ],
};
