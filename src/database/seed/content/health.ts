import type { TopicGroup } from "./types";

export const health: TopicGroup = {
  tag: "health",
  authors: ["priya-raman", "priya-raman", "hannah-cole"],
  stories: [
    {
      titles: [
        "Emergency department waits in {place} reach {n} hours at busiest times",
        "{place} hospital warns of {n}-hour waits as winter pressure builds",
      ],
      excerpt:
        "Patients at {place}'s main hospital are waiting up to {n} hours to be seen at peak times. Doctors say the problem starts with a shortage of beds further along the system.",
      lede: "Patients arriving at the emergency department of {place}'s main hospital are waiting up to {n} hours to be seen at the busiest times of day, according to figures presented to the hospital's board this week. Senior doctors described the situation as the most difficult they could remember outside the pandemic.",
      detail:
        "The figures show that on an average day about {m} patients in the hospital are medically fit to leave but cannot be discharged because care at home or a place in a care home is not yet available. That leaves fewer beds for people admitted through the emergency department, who can spend many hours on trolleys in corridors while they wait.",
      closer:
        "The hospital has opened additional short-stay beds for the winter and is urging people with less urgent problems to use pharmacies, urgent treatment centres and the non-emergency phone line first.",
      alt: "An ambulance parked outside the emergency entrance of a hospital in {place}",
      n: [5, 14, 1],
      m: [60, 190, 5],
    },
    {
      titles: [
        "Measles cases rise in {place} as vaccination rate slips to {n} per cent",
        "{place} health officials urge vaccination as measles returns",
      ],
      excerpt:
        "Health officials in {place} have confirmed a cluster of measles cases among children. Only {n} per cent of young children in the city have had both doses of the vaccine.",
      lede: "Public health officials in {place} have confirmed {m} cases of measles in the past month, most of them in children under ten, and are urging parents to check that their families are fully vaccinated. Only {n} per cent of five-year-olds in the city have received both doses of the vaccine.",
      detail:
        "Measles is one of the most infectious diseases known, and experts say about 95 per cent of a population needs to be vaccinated to prevent outbreaks. Most children recover, but the illness can cause serious complications, including pneumonia and, rarely, inflammation of the brain. Officials have contacted schools and nurseries where cases have been identified.",
      closer:
        "Extra vaccination clinics will run at weekends for the next two months, and parents can also book an appointment through their family doctor. Officials said it is never too late to catch up on missed doses.",
      list: {
        intro: "Symptoms of measles usually appear about ten days after infection and include:",
        items: [
          "a high temperature",
          "a runny or blocked nose, sneezing and a cough",
          "red, sore, watery eyes",
          "a blotchy rash that usually starts on the face and behind the ears",
        ],
      },
      alt: "A nurse preparing a vaccination in a clinic in {place}",
      n: [78, 89, 1],
      m: [9, 48, 1],
    },
    {
      titles: [
        "New community health centre opens in {place} with {n} staff under one roof",
        "{place} opens health centre bringing doctors, dentists and mental health care together",
      ],
      excerpt:
        "The new centre brings family doctors, nurses, physiotherapists and mental health workers into a single building. It will serve about {m},000 registered patients.",
      lede: "A new community health centre has opened in {place}, bringing family doctors, nurses, pharmacists, physiotherapists and mental health workers together in a single building. About {n} staff will work at the centre, which replaces three smaller surgeries.",
      detail:
        "The centre will serve about {m},000 registered patients and has space for outpatient clinics run by specialists from the main hospital, so that people with long-term conditions can be seen closer to home. It also includes a community room that local groups can book free of charge for exercise classes and support meetings.",
      closer:
        "Patients registered at the three former surgeries have been transferred automatically. The centre is open on weekday evenings and on Saturday mornings.",
      alt: "The entrance of a modern community health centre in {place}",
      n: [40, 140, 5],
      m: [18, 42, 1],
      tags: ["local"],
    },
    {
      titles: [
        "Mental health teams to work in {n} schools across {place}",
        "{place} pupils to get mental health support in {n} schools",
      ],
      excerpt:
        "Specialist mental health workers will be based in {n} schools across {place}. Waiting times for children's mental health services in the city remain long.",
      lede: "Specialist mental health workers will be based in {n} primary and secondary schools across {place} from the start of next term, in an effort to help pupils with anxiety, low mood and other difficulties before problems become more serious.",
      detail:
        "The teams will offer one-to-one and group sessions, advise teachers and help families find further support. Referrals to specialist children's mental health services in the city have risen by about {m} per cent in five years, and some young people wait many months for a first appointment.",
      closer:
        "The programme will be evaluated after two years. Parents who are worried about a child can contact the school, their family doctor or the city's young people's helpline.",
      alt: "Pupils walking along a school corridor in {place}",
      n: [20, 85, 1],
      m: [30, 70, 1],
      tags: ["education"],
    },
    {
      titles: [
        "Opinion: {place} cannot fix its hospitals without fixing social care",
        "Opinion: the queue at {place}'s emergency department starts at the care home door",
      ],
      excerpt:
        "Corridor care is a symptom. The cause lies in a social care system that cannot take patients who are ready to go home.",
      lede: "Every winter, the pictures are the same: ambulances queueing outside {place}'s hospital, patients on trolleys in corridors, staff apologising for delays they did not cause. Every winter, the debate focuses on the hospital. It is looking in the wrong place.",
      detail:
        "On any given day, a significant number of the hospital's beds are occupied by people who no longer need to be there. They are waiting for a care package at home or a place in a care home, and those depend on a workforce that is underpaid, overstretched and leaving for jobs in supermarkets and warehouses that pay the same or more.",
      closer:
        "Pay care workers properly, give councils the money to commission care at a sustainable price, and the corridors will start to empty. Until then, we will keep reading the same stories every winter.",
      alt: "An empty hospital corridor with a trolley against the wall",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Health services across Europe are under sustained pressure from an ageing population, a rise in long-term conditions and staff shortages that worsened after the pandemic. Health leaders say demand is growing faster than budgets, and that the pressure is felt all year rather than only in winter.",
    "There are stark differences in health between neighbourhoods in {place}. Public health reports show that people in the most deprived areas of the city can expect to live several years less than those in the most affluent, and to spend more of their lives in poor health.",
    "Recruitment remains one of the biggest challenges. The local health system has vacancies for nurses, doctors, therapists and care workers, and relies on agency staff to fill gaps, which is costly and can make it harder to provide continuity of care.",
    "Public health experts argue that spending more on prevention, such as vaccination, screening, support to stop smoking and programmes to encourage physical activity, would reduce pressure on hospitals in the long run, but say such spending is often the first to be cut when budgets are tight.",
    "Patients' groups say that communication is often the biggest source of frustration. People can accept delays, they say, if they are kept informed about how long they are likely to wait and what they should do if their condition changes.",
    "{body} said the figures reflected problems that had been building for years. It called for a long-term plan for the health and care workforce, backed by funding, rather than short-term measures announced each winter.",
    "Health officials stress that most services continue to work well and that people should not put off seeking help. Anyone with symptoms that could indicate a serious illness, they say, should contact a doctor or, in an emergency, call for an ambulance.",
    "Family doctors in the city report record numbers of appointments, many of them with patients who have several conditions at once. Practices have taken on pharmacists, physiotherapists and social prescribers to share the workload.",
    "The local university and the hospital trust run a joint research programme on the health of older people, and {place} has been chosen as a site for several national studies on prevention and community care.",
    "Mental health services have seen particularly sharp increases in demand, especially among young adults. Charities say that many people who seek help are offered only a limited number of sessions, or are placed on long waiting lists.",
  ],
  subheadings: [
    "Pressure on services",
    "What patients say",
    "The view from the front line",
    "A question of prevention",
    "What happens next",
  ],
  quotes: [
    "Our staff are doing extraordinary work in very difficult conditions, and they deserve a system that lets them do their jobs properly",
    "The earlier we can help people, the better their outcomes and the less pressure there is on everyone else",
    "Patients tell us the waiting is hard, but not knowing how long they will wait is harder",
    "This did not happen overnight, and it will not be fixed overnight",
    "We have to stop treating prevention as a luxury we can afford only when things are calm",
  ],
  roles: [
    "medical director of the {place} hospital trust",
    "the city's director of public health",
    "a spokesperson for {body}",
    "a nurse who has worked in {place} for twenty years",
    "a family doctor in {place}",
  ],
  orgs: ["Patients First {place}", "the Patient Voice Network", "the {place} Health and Care Partnership"],
  sources: [
    { url: "https://www.who.int/news", title: "World Health Organization news" },
    { url: "https://www.ecdc.europa.eu/en", title: "European Centre for Disease Prevention and Control" },
    { url: "https://www.nhs.uk/conditions/", title: "NHS health A to Z" },
  ],
};
