package demo

// Given and family names by language area; demo people are combinations of
// these, so no real person's record is reproduced.
var givenNames = map[string][]string{
	"de": {"Anna", "Lena", "Lukas", "Jonas", "Leon", "Marie", "Sophie", "Felix", "Paul", "Mia", "Emma", "Finn", "Hannah", "Elias", "Lea", "Tim", "Julia", "Jan", "Katrin", "Stefan", "Sabine", "Thomas", "Andrea", "Michael", "Jürgen", "Özlem"},
	"fr": {"Camille", "Léa", "Manon", "Chloé", "Hugo", "Louis", "Lucas", "Jules", "Gabriel", "Inès", "Sarah", "Thomas", "Nicolas", "Julie", "Mathieu", "Élodie", "Antoine", "Claire", "Karim", "Yasmine"},
	"es": {"Lucía", "María", "Paula", "Sofía", "Hugo", "Pablo", "Daniel", "Alejandro", "Javier", "Carmen", "Sergio", "Laura", "Marta", "Diego", "Álvaro", "Elena"},
	"it": {"Giulia", "Sofia", "Aurora", "Alice", "Leonardo", "Francesco", "Lorenzo", "Alessandro", "Matteo", "Chiara", "Marco", "Federica", "Giorgio", "Valentina", "Luca", "Sara"},
	"nl": {"Emma", "Julia", "Tess", "Sanne", "Daan", "Sem", "Lucas", "Bram", "Thijs", "Fleur", "Lotte", "Ruben", "Jesse", "Anouk", "Pieter", "Marieke"},
	"en": {"Olivia", "Amelia", "Isla", "Emily", "Oliver", "George", "Harry", "Jack", "James", "Charlotte", "Sophie", "Daniel", "Ryan", "Megan", "Aoife", "Liam", "Sean", "Priya", "Mohammed", "Chloe", "Ethan", "Madison", "Tyler", "Ashley"},
	"pl": {"Zuzanna", "Julia", "Maja", "Hanna", "Jakub", "Antoni", "Szymon", "Jan", "Filip", "Agnieszka", "Katarzyna", "Piotr", "Tomasz", "Magdalena", "Paweł", "Marta"},
	"sv": {"Alice", "Maja", "Elsa", "Astrid", "William", "Liam", "Noah", "Hugo", "Oscar", "Ebba", "Erik", "Karin", "Lars", "Ingrid", "Johan", "Sara"},
	"da": {"Freja", "Ida", "Clara", "Emma", "William", "Noah", "Oscar", "Lucas", "Mads", "Sofie", "Rasmus", "Mette", "Søren", "Line"},
	"cs": {"Eliška", "Tereza", "Anna", "Jakub", "Jan", "Tomáš", "Adam", "Lucie", "Petr", "Martina", "Ondřej", "Veronika"},
	"pt": {"Maria", "Leonor", "Matilde", "Beatriz", "João", "Rodrigo", "Martim", "Francisco", "Tiago", "Inês", "Rui", "Ana"},
}

var familyNames = map[string][]string{
	"de": {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Yılmaz", "Kaya", "Nowak"},
	"fr": {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Bensaïd", "Nguyen"},
	"es": {"García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz"},
	"it": {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca"},
	"nl": {"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Peeters", "Maes"},
	"en": {"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Johnson", "Roberts", "Murphy", "Kelly", "O'Brien", "Walsh", "Patel", "Khan", "Miller", "Davis", "Anderson"},
	"pl": {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"},
	"sv": {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Lindberg"},
	"da": {"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen"},
	"cs": {"Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý"},
	"pt": {"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa"},
}
