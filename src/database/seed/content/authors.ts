import type { AuthorSeed } from "./types";

export const authors: AuthorSeed[] = [
  {
    slug: "maria-lindqvist",
    name: "Maria Lindqvist",
    bio: "Maria Lindqvist is Byline's political editor. She has covered parliaments, coalition talks and election nights in four countries.",
  },
  {
    slug: "daniel-okafor",
    name: "Daniel Okafor",
    bio: "Daniel Okafor writes about business, trade and the economy. Before journalism he spent six years as an analyst at a regional bank.",
  },
  {
    slug: "priya-raman",
    name: "Priya Raman",
    bio: "Priya Raman is Byline's health correspondent, reporting on hospitals, public health and the people who work in them.",
  },
  {
    slug: "tom-hallam",
    name: "Tom Hallam",
    bio: "Tom Hallam covers sport, from grassroots clubs to the business of the top flight. He still plays five-a-side on Thursdays.",
  },
  {
    slug: "sofia-marques",
    name: "Sofia Marques",
    bio: "Sofia Marques reports on climate and the environment. She trained as a marine biologist in Lisbon before moving into journalism.",
  },
  {
    slug: "james-whitcombe",
    name: "James Whitcombe",
    bio: "James Whitcombe writes about transport and the way cities move, and about the local decisions that shape them.",
  },
  {
    slug: "aoife-brennan",
    name: "Aoife Brennan",
    bio: "Aoife Brennan covers housing, planning and local government. She previously reported for a regional daily in Cork.",
  },
  {
    slug: "lukas-weber",
    name: "Lukas Weber",
    bio: "Lukas Weber is Byline's technology correspondent, covering software, privacy and the companies behind them.",
  },
  {
    slug: "hannah-cole",
    name: "Hannah Cole",
    bio: "Hannah Cole writes about schools, universities and skills. She taught secondary science for five years before joining Byline.",
  },
  {
    slug: "nadia-haddad",
    name: "Nadia Haddad",
    bio: "Nadia Haddad is Byline's culture writer, covering music, film, books and the institutions that keep them going.",
  },
  {
    slug: "pieter-de-vries",
    name: "Pieter de Vries",
    bio: "Pieter de Vries reports on European affairs and energy policy from Brussels and The Hague.",
  },
  {
    slug: "grace-mwangi",
    name: "Grace Mwangi",
    bio: "Grace Mwangi covers science and research. She holds a doctorate in atmospheric chemistry and still reads preprints for fun.",
  },
];
